package io.lightningop.runtime.js;

import java.io.OutputStream;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one GraalJS Engine of a process (parsed sources are cached on it) and the sandbox every
 * Context gets: no host classes or objects, no threads, no native access, no IO except the
 * module file system, and none of GraalJS' extra globals ({@code load}, {@code print},
 * {@code Graal}, {@code Java}, {@code arguments}).
 */
public final class JsEngine implements AutoCloseable {
  private static final Map<String, String> SANDBOX = Map.of(
      "js.load", "false",
      "js.print", "false",
      "js.graal-builtin", "false",
      "js.java-package-globals", "false",
      "js.polyglot-builtin", "false",
      "js.global-arguments", "false");

  private final Engine engine;

  public JsEngine() {
    engine = Engine.newBuilder("js")
        .option("engine.WarnInterpreterOnly", "false")
        .out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream())
        .build();
  }

  public Engine engine() {
    return engine;
  }

  /** A fresh sandboxed Context on the shared Engine. */
  public Context newContext(FileSystem fileSystem, Map<String, String> options) {
    Context.Builder b = Context.newBuilder("js").engine(engine)
        .allowHostAccess(HostAccess.NONE)
        .allowHostClassLookup(c -> false)
        .allowCreateThread(false)
        .allowNativeAccess(false)
        .allowExperimentalOptions(true)
        .out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream())
        .options(SANDBOX)
        .options(options);
    b.allowIO(fileSystem == null ? IOAccess.NONE : IOAccess.newBuilder().fileSystem(fileSystem).build());
    return b.build();
  }

  @Override
  public void close() {
    engine.close(true);
  }
}
