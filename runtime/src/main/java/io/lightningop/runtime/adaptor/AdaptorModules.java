package io.lightningop.runtime.adaptor;

import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The seam between the adaptor loader (npm packages, cache, Node compatibility layer, Java HTTP
 * bridge) and the job executor (GraalJS contexts, compiled jobs, state semantics).
 *
 * <p>The executor builds every job Context on one shared Engine with {@link #fileSystem()} as its
 * module file system, adds {@link #contextOptions()}, calls {@link #prepare(Context, AdaptorConsole)}
 * once per fresh Context, and then imports an adaptor by the path {@link #entryFor(String)} gives.
 * Each Context gets fresh adaptor module state because modules are instantiated per Context.
 */
public interface AdaptorModules {

  /**
   * The ES module path, inside {@link #fileSystem()}, that exports what the adaptor package
   * exports. {@code specifier} is as a job names it: {@code @openfn/language-common@3.3.4},
   * {@code @openfn/language-http@latest}, {@code @openfn/language-common} (= latest).
   *
   * @throws AdaptorException when the package cannot be found, downloaded or verified
   */
  String entryFor(String specifier) throws AdaptorException;

  /** Read-only file system serving adaptor packages and the Node compatibility modules. */
  FileSystem fileSystem();

  /** GraalJS options every job Context needs for the adaptors (e.g. {@code js.text-encoding}). */
  Map<String, String> contextOptions();

  /**
   * Installs the adaptor loader and host bridges in a fresh Context (adaptor code gets its Node
   * globals and a console → ADA; job code gets {@code Buffer} and the timer functions on
   * globalThis). Returns the Context's event loop: the executor must drive it (e.g.
   * {@link EventLoop#await}) for timers and HTTP responses to be delivered, and close it with the
   * Context.
   */
  EventLoop prepare(Context context, AdaptorConsole console);

  /**
   * Where adaptor code's {@code console.*} calls go (the runtime maps this to ADA log lines).
   * {@code level} is the OpenFn logger level ({@code console.log} → info); {@code args} are the
   * polyglot Values passed, valid during the call.
   */
  @FunctionalInterface
  interface AdaptorConsole {
    void log(String level, java.util.List<Object> args);
  }

  /** A package that cannot be resolved, downloaded, verified or loaded, with what to do next. */
  final class AdaptorException extends Exception {
    public AdaptorException(String message) { super(message); }
    public AdaptorException(String message, Throwable cause) { super(message, cause); }
  }
}
