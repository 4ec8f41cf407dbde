package io.lightningop.runtime.adaptor;

import io.lightningop.runtime.adaptor.npm.AdaptorCache;
import io.lightningop.runtime.adaptor.npm.AdaptorInstaller;
import io.lightningop.runtime.adaptor.npm.NpmRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Test support: one cache under target/ (each tarball is downloaded once per build directory),
 * one shared Engine, and a tiny operation runner standing in for the executor.
 */
final class AdaptorHarness {
  static final Path CACHE = Path.of("target", "test-adaptor-cache").toAbsolutePath();
  static final String COMMON = "@openfn/language-common@3.3.4";
  static final String HTTP = "@openfn/language-http@7.2.10";
  static final List<String> PROGRESS = new ArrayList<>();
  private static NpmAdaptorModules modules;
  private static Engine engine;

  private AdaptorHarness() {}

  static synchronized NpmAdaptorModules modules() {
    if (modules == null) {
      AdaptorInstaller installer = new AdaptorInstaller(new AdaptorCache(CACHE), new NpmRegistry(),
          line -> { synchronized (PROGRESS) { PROGRESS.add(line); } });
      modules = new NpmAdaptorModules(installer, true);
    }
    return modules;
  }

  static synchronized Engine engine() {
    if (engine == null) {
      engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
    }
    return engine;
  }

  /** A log line an adaptor wrote: level and the arguments as a JSON array. */
  record Line(String level, String json) {}

  /** A fresh job Context with the adaptor layer prepared. */
  static final class Job implements AutoCloseable {
    final Context context;
    final EventLoop loop;
    final List<Line> logs = new ArrayList<>();

    Job() {
      AdaptorModules m = modules();
      Context.Builder b = Context.newBuilder("js").engine(engine())
          .allowIO(IOAccess.newBuilder().fileSystem(m.fileSystem()).build())
          .allowExperimentalOptions(true).option("js.esm-eval-returns-exports", "true");
      m.contextOptions().forEach(b::option);
      context = b.build();
      loop = m.prepare(context, (level, args) -> {
        Value stringify = context.eval("js", "(...a) => JSON.stringify(a)");
        logs.add(new Line(level, stringify.execute(args.toArray()).asString()));
      });
    }

    /** Evaluates an ES module (imports may name adaptor specifiers as {@code adaptor:<spec>}). */
    Value module(String code) throws Exception {
      StringBuilder out = new StringBuilder();
      var m = java.util.regex.Pattern.compile("adaptor:([^'\"]+)").matcher(code);
      while (m.find()) m.appendReplacement(out, modules().entryFor(m.group(1)));
      m.appendTail(out);
      return context.eval(Source.newBuilder("js", out.toString(), "job.mjs").mimeType("application/javascript+module").build());
    }

    /** Runs the module's default export (operations) on state, like the runtime does, returning JSON. */
    String run(String code, String stateJson) throws Exception {
      Value ops = module(code).getMember("default");
      Value state = context.eval("js", "(" + stateJson + ")");
      for (long i = 0; i < ops.getArraySize(); i++) {
        EventLoop.Settled s;
        try {
          s = loop.await(ops.getArrayElement(i).execute(state));
        } catch (org.graalvm.polyglot.PolyglotException e) {
          if (!e.isGuestException() || e.isInternalError()) throw e;
          throw new JsError(e.getGuestObject());
        }
        if (!s.fulfilled()) throw new JsError(s.value());
        state = s.value();
      }
      return context.eval("js", "(s) => JSON.stringify(s)").execute(state).asString();
    }

    @Override
    public void close() {
      loop.close();
      context.close(true);
    }
  }

  /** A rejected operation: the JS value it rejected with. */
  static final class JsError extends Exception {
    final Value value;

    JsError(Value value) {
      super(value == null ? "undefined" : value.hasMember("message") ? value.getMember("message").asString() : value.toString());
      this.value = value;
    }
  }

  static void withJob(Consumer<Job> body) {
    try (Job job = new Job()) {
      body.accept(job);
    }
  }
}
