package io.lightningop.runtime.adaptor.loader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Source;

/**
 * The text of adaptor and compatibility modules, and their CommonJS-wrapped {@link Source}s.
 * A Source object is built once per file and shared by every Context on the Engine, so GraalJS
 * parses each module once (code caching) while each Context still evaluates it afresh.
 */
public final class ModuleSources {
  /** Node globals passed to every module (see bootstrap.js). */
  public static final String WRAPPER_GLOBALS = "global, process, Buffer, console, setTimeout, clearTimeout, "
      + "setInterval, clearInterval, setImmediate, clearImmediate, queueMicrotask, URL, URLSearchParams, "
      + "TextEncoder, TextDecoder, AbortController, AbortSignal, Blob, File, FormData, ReadableStream, atob, btoa, "
      + "structuredClone";
  private static final String RESOURCES = "/io/lightningop/runtime/adaptor/node/";

  private final ModuleResolver resolver;
  private final Map<String, Source> wrapped = new ConcurrentHashMap<>();

  public ModuleSources(ModuleResolver resolver) {
    this.resolver = resolver;
  }

  /** The module's text. @throws UncheckedIOException naming the path when it cannot be read */
  public String read(String virtualPath) {
    return bytes(virtualPath).map(b -> new String(b, StandardCharsets.UTF_8))
        .orElseThrow(() -> new UncheckedIOException(new IOException("no such adaptor module: " + virtualPath)));
  }

  /** The bytes at a virtual path (a package file or a compatibility module), if it exists. */
  public Optional<byte[]> bytes(String virtualPath) {
    try {
      if (virtualPath.startsWith(ModuleResolver.NODE)) {
        String name = virtualPath.substring(ModuleResolver.NODE.length());
        if (name.contains("/") || name.contains("..")) return Optional.empty();
        try (InputStream in = ModuleSources.class.getResourceAsStream(RESOURCES + name)) {
          return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
      }
      Optional<Path> real = resolver.realPath(virtualPath);
      if (real.isEmpty() || !Files.isRegularFile(real.get())) return Optional.empty();
      return Optional.of(Files.readAllBytes(real.get()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + virtualPath, e);
    }
  }

  /** Whether {@code request} from {@code from} names a module of a side-effect-free package. */
  private boolean deferrable(String from, String request) {
    try {
      return resolver.sideEffectFree(resolver.resolve(from, request));
    } catch (RuntimeException e) {
      return false; // unresolvable: leave it to fail at require time, as it would
    }
  }

  /** The module as {@code (...globals) => function (exports, require, module, __filename, __dirname)}. */
  public Source wrapped(String virtualPath) {
    return wrapped.computeIfAbsent(virtualPath, p -> {
      String text = read(p);
      if (text.startsWith("#!")) text = "//" + text; // a shebang line is not JavaScript
      text = LazyRequires.rewrite(text, request -> deferrable(p, request));
      // Globals are parameters of an outer function so the module may still declare its own
      // `Buffer` or `URL`; the header stays on line 1 so stack-trace line numbers match the file.
      String code = "(function (" + WRAPPER_GLOBALS + ") { return function (exports, require, module, __filename, __dirname) {"
          + text + "\n}; })";
      return Source.newBuilder("js", code, p).cached(true).buildLiteral();
    });
  }
}
