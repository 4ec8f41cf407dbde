package io.lightningop.runtime.js;

import io.lightningop.runtime.adaptor.AdaptorModules;
import io.lightningop.runtime.adaptor.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * Runs one step's job module in a fresh Context on the shared Engine, driving its event loop
 * until the step settles, its deadline passes, or it is killed.
 */
final class StepRunner {
  static final Source KERNEL = resource("kernel.js", ModuleFileSystem.RUNTIME_DIR + "kernel.js");
  static final String RUNTIME_MODULE = ModuleFileSystem.RUNTIME_DIR + "runtime.mjs";
  static final String RUNTIME_MODULE_SOURCE = text("runtime.mjs");
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "js-step-watchdog");
    t.setDaemon(true);
    return t;
  });

  /** Where log lines go: source R/T, JOB or ADA; the message is a JSON array. */
  interface LogSink {
    void log(String source, String level, String messageJson);
  }

  /** Why a step was stopped from outside. */
  enum Stop { TIMEOUT, RUN_TIMEOUT, MEMORY, CANCELLED }

  /**
   * What the kernel reported ({@code json}: {@code {status, state, stateIsUndefined, error}}), or
   * why the step was stopped ({@code stop}); {@code json} is null when stopped.
   */
  record Outcome(String json, Stop stop) {}

  /** A handle to stop a running step from another thread. */
  static final class Handle {
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private volatile Context context;
    private volatile EventLoop loop;

    void stop(Stop why) {
      if (!stop.compareAndSet(null, why)) return;
      EventLoop l = loop;
      if (l != null) l.close();
      Context c = context;
      if (c != null) {
        try {
          c.close(true);
        } catch (RuntimeException ignored) {
          // closing a cancelled context may rethrow the cancellation
        }
      }
    }

    Stop stopped() { return stop.get(); }
  }

  /**
   * A Context ready for one step: kernel evaluated, adaptor loader installed and, when known, the
   * step's adaptor modules already imported. Used by exactly one step, then closed.
   */
  record Warm(Context context, Value kernel, EventLoop loop, Hooks hooks) {}

  /**
   * Where a warm Context's kernel reports: logs made before a step claims it (adaptor console output
   * while its modules load) are kept and handed to the step's sink when it claims the Context.
   */
  static final class Hooks {
    private final List<String[]> early = new ArrayList<>();
    private LogSink sink;
    private volatile Runnable loaded = () -> {};

    synchronized void log(String source, String level, String messageJson) {
      if (sink == null) early.add(new String[] {source, level, messageJson});
      else sink.log(source, level, messageJson);
    }

    synchronized void claim(LogSink sink, Runnable loaded) {
      this.sink = sink;
      this.loaded = loaded;
      for (String[] l : early) sink.log(l[0], l[1], l[2]);
      early.clear();
    }
  }

  private static final Source IMPORT = Source.newBuilder("js", "(path) => import(path)", "/@lightning/import.js")
      .cached(true).buildLiteral();
  /** A module whose top level never returns must not hold the warming thread forever. */
  private static final long WARM_TIMEOUT_MS = 60_000;
  /** Warm Contexts are rebuilt after this long, so module-level clocks are never far behind the step's. */
  private static final long WARM_MAX_AGE_MS = 120_000;
  private static final int WARM_ADAPTOR_SETS = 3;

  private final JsEngine engine;
  private final ModuleFileSystem fileSystem;
  private final AdaptorModules adaptors;
  private final ReadyPool<List<String>, Warm> warm;

  /**
   * @param warmDepth Contexts kept ready per adaptor set (for the last {@value #WARM_ADAPTOR_SETS}
   *     sets used); 0 builds every Context when its step starts
   */
  StepRunner(JsEngine engine, ModuleFileSystem fileSystem, AdaptorModules adaptors, int warmDepth) {
    this.engine = engine;
    this.fileSystem = fileSystem;
    this.adaptors = adaptors;
    fileSystem.put(RUNTIME_MODULE, RUNTIME_MODULE_SOURCE);
    this.warm = warmDepth <= 0 ? null
        : new ReadyPool<>("js-context-warmer", this::open, StepRunner::closeQuietly, warmDepth, WARM_MAX_AGE_MS,
            WARM_ADAPTOR_SETS);
  }

  RunExecutor.WarmCounts warmCounts() {
    return warm == null ? new RunExecutor.WarmCounts(0, 0, 0)
        : new RunExecutor.WarmCounts(warm.hits(), warm.misses(), warm.readyCount());
  }

  /** Starts preparing a Context with these adaptor entry modules, for a step about to run (its job still compiling). */
  void prefetch(List<String> adaptorEntries) {
    if (warm != null) warm.prefetch(List.copyOf(adaptorEntries));
  }

  /**
   * Runs one step's job module in a Context of its own.
   *
   * @param adaptorEntries the adaptor entry modules the job imports (a warm Context has them loaded)
   * @param timeoutMs the step timeout, counted from when the job module has loaded (0 = none)
   * @param runDeadline the run's deadline in epoch milliseconds (0 = none)
   */
  Outcome run(String jobPath, List<String> adaptorEntries, String globalsPath, String inputJson, String optsJson,
              LogSink sink, long timeoutMs, long runDeadline, Handle handle) {
    List<ScheduledFuture<?>> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
    if (runDeadline > 0) {
      timers.add(WATCHDOG.schedule(() -> handle.stop(Stop.RUN_TIMEOUT),
          Math.max(0, runDeadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS));
    }
    Warm ready = null;
    try {
      ready = warm == null ? open(List.of()) : warm.take(List.copyOf(adaptorEntries));
      handle.context = ready.context();
      handle.loop = ready.loop();
      ready.hooks().claim(sink, () -> {
        if (timeoutMs > 0) {
          timers.add(WATCHDOG.schedule(() -> handle.stop(Stop.TIMEOUT), timeoutMs, TimeUnit.MILLISECONDS));
        }
      });
      if (handle.stopped() != null) return new Outcome(null, handle.stopped());
      Value promise = ready.kernel().invokeMember("runStep", jobPath, globalsPath, inputJson, optsJson);
      EventLoop.Settled settled;
      try {
        settled = ready.loop().await(promise);
      } catch (IllegalStateException e) {
        if (handle.stopped() != null) return new Outcome(null, handle.stopped());
        return new Outcome("{\"status\":\"error\",\"error\":{\"source\":\"runtime\",\"name\":\"JobError\",\"severity\":\"fail\","
            + "\"message\":\"The job never returned: a promise did not settle and nothing was pending\"},\"state\":"
            + inputJson + "}", null);
      }
      if (handle.stopped() != null) return new Outcome(null, handle.stopped());
      if (!settled.fulfilled()) throw new IllegalStateException("kernel failed: " + settled.value());
      return new Outcome(settled.value().asString(), null);
    } catch (PolyglotException e) {
      if (handle.stopped() != null) return new Outcome(null, handle.stopped());
      if (e.isResourceExhausted() || e.getMessage() != null && e.getMessage().contains("OutOfMemory")) {
        return new Outcome(null, Stop.MEMORY);
      }
      throw e;
    } catch (OutOfMemoryError e) {
      handle.stop(Stop.MEMORY);
      return new Outcome(null, Stop.MEMORY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handle.stop(Stop.CANCELLED);
      return new Outcome(null, Stop.CANCELLED);
    } catch (IllegalStateException e) {
      if (handle.stopped() != null) return new Outcome(null, handle.stopped());
      throw e;
    } finally {
      timers.forEach(t -> t.cancel(false));
      if (ready != null) {
        ready.loop().close();
        if (warm != null && handle.stopped() == null) warm.discardLater(ready);
        else closeQuietly(ready);
      }
    }
  }

  /**
   * A fresh Context with the kernel and the adaptor loader, and {@code preload} (adaptor entry
   * modules) imported. A preload that fails is dropped: the step's own import then reports it.
   */
  private Warm open(List<String> preload) {
    Hooks hooks = new Hooks();
    Context context = engine.newContext(fileSystem, adaptors == null ? Map.of() : adaptors.contextOptions());
    EventLoop loop = null;
    try {
      ProxyExecutable log = args -> {
        hooks.log(args[0].asString(), args[1].asString(), args[2].asString());
        return null;
      };
      ProxyExecutable loaded = args -> {
        hooks.loaded.run();
        return null;
      };
      Value kernel = context.eval(KERNEL).execute(log, loaded);
      loop = prepare(context, kernel);
      Warm ready = new Warm(context, kernel, loop, hooks);
      if (preload.isEmpty()) return ready;
      ScheduledFuture<?> guard = WATCHDOG.schedule(() -> closeQuietly(ready), WARM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      try {
        Value importer = context.eval(IMPORT);
        for (String entry : preload) {
          if (!loop.await(importer.execute(entry)).fulfilled()) throw new IllegalStateException("cannot load " + entry);
        }
      } finally {
        guard.cancel(false);
      }
      return ready;
    } catch (RuntimeException | InterruptedException e) {
      if (loop != null) loop.close();
      closeQuietly(context);
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      if (preload.isEmpty()) throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      return open(List.of());
    }
  }

  private static void closeQuietly(Warm w) {
    w.loop().close();
    closeQuietly(w.context());
  }

  private static void closeQuietly(Context context) {
    try {
      context.close(true);
    } catch (RuntimeException ignored) {
      // a cancelled context rethrows on close
    }
  }

  /** Closes the Contexts kept ready. */
  void close() {
    if (warm != null) warm.close();
  }

  /** Installs the adaptor loader (or, without adaptors, the job timers) and returns the event loop. */
  private EventLoop prepare(Context context, Value kernel) {
    if (adaptors != null) {
      Value adaptorLog = kernel.getMember("adaptorLog");
      return adaptors.prepare(context, (level, args) -> adaptorLog.execute(level, org.graalvm.polyglot.proxy.ProxyArray.fromList(args)));
    }
    EventLoop loop = new EventLoop();
    installTimers(context, loop);
    return loop;
  }

  /** {@code setTimeout} & co. on the loop, for Contexts without an adaptor loader. */
  static void installTimers(Context context, EventLoop loop) {
    Value global = context.getBindings("js");
    for (boolean repeat : new boolean[] {false, true}) {
      global.putMember(repeat ? "setInterval" : "setTimeout", (ProxyExecutable) a -> {
        Value fn = a[0];
        Object[] extra = a.length > 2 ? java.util.Arrays.copyOfRange(a, 2, a.length) : new Object[0];
        long ms = a.length > 1 && a[1].isNumber() ? (long) a[1].asDouble() : 0;
        return loop.setTimer(context.asValue((ProxyExecutable) x -> fn.execute(extra)), ms, repeat);
      });
      global.putMember(repeat ? "clearInterval" : "clearTimeout", (ProxyExecutable) a -> {
        if (a.length > 0 && a[0].isNumber()) loop.clearTimer(a[0].asLong());
        return null;
      });
    }
  }

  private static Source resource(String name, String path) {
    return Source.newBuilder("js", text(name), path).cached(true).buildLiteral();
  }

  private static String text(String name) {
    try (InputStream in = StepRunner.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> shadowedGlobals() {
    return List.of("process", "require", "module", "exports", "global", "URL", "URLSearchParams", "fetch",
        "TextEncoder", "TextDecoder", "structuredClone", "AbortController", "AbortSignal", "Blob", "File",
        "FormData", "ReadableStream", "atob", "btoa", "setImmediate", "clearImmediate", "queueMicrotask",
        "performance", "Polyglot", "Java", "Graal", "print", "load", "quit", "read", "readbuffer", "readline",
        "__dirname", "__filename");
  }
}
