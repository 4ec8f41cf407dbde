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
import java.util.function.Function;
import org.graalvm.polyglot.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The text of adaptor and compatibility modules, and their CommonJS-wrapped {@link Source}s.
 * A Source object is built once per file and shared by every Context on the Engine, so GraalJS
 * parses each module once (code caching) while each Context still evaluates it afresh.
 */
public final class ModuleSources {
  private static final Logger LOG = LoggerFactory.getLogger(ModuleSources.class);
  /** Node globals passed to every module (see bootstrap.js). */
  public static final String WRAPPER_GLOBALS = "global, process, Buffer, console, setTimeout, clearTimeout, "
      + "setInterval, clearInterval, setImmediate, clearImmediate, queueMicrotask, URL, URLSearchParams, "
      + "TextEncoder, TextDecoder, AbortController, AbortSignal, Blob, File, FormData, ReadableStream, atob, btoa, "
      + "structuredClone";
  private static final String RESOURCES = "/io/lightningop/runtime/adaptor/node/";

  private final ModuleResolver resolver;
  private final Function<String, int[]> importFinder;
  private final Map<String, Source> wrapped = new ConcurrentHashMap<>();

  /**
   * @param importFinder the offsets of the dynamic {@code import()} expressions of a CommonJS
   *     script (see {@link DynamicImports}); throws IllegalArgumentException when it does not parse
   */
  public ModuleSources(ModuleResolver resolver, Function<String, int[]> importFinder) {
    this.resolver = resolver;
    this.importFinder = importFinder;
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

  /**
   * The module as {@code (...globals, dynamicImport) => function (exports, require, module, __filename, __dirname)}:
   * the loader passes the Node globals and then the module's own {@code import()} function.
   * import() is rewritten first: its parser offsets are those of the file as read.
   */
  public Source wrapped(String virtualPath) {
    return wrapped.computeIfAbsent(virtualPath, p -> {
      DynamicImports.Rewritten module = withDynamicImports(p, read(p));
      String text = module.text();
      if (text.startsWith("#!")) text = "//" + text; // a shebang line is not JavaScript
      text = LazyRequires.rewrite(text, request -> deferrable(p, request));
      // Globals are parameters of an outer function so the module may still declare its own
      // `Buffer` or `URL`; the header stays on line 1 so stack-trace line numbers match the file.
      String parameters = module.parameter() == null ? WRAPPER_GLOBALS : WRAPPER_GLOBALS + ", " + module.parameter();
      String code = "(function (" + parameters + ") { return function (exports, require, module, __filename, __dirname) {"
          + text + "\n}; })";
      return Source.newBuilder("js", code, p).cached(true).buildLiteral();
    });
  }

  private DynamicImports.Rewritten withDynamicImports(String path, String text) {
    try {
      return DynamicImports.rewrite(text, importFinder);
    } catch (IllegalArgumentException e) {
      // GraalJS reports a real syntax error itself when the module is evaluated
      LOG.warn("cannot parse {} to find its import() expressions, left as is: {}", path, e.getMessage());
      return new DynamicImports.Rewritten(text, null);
    }
  }
}
