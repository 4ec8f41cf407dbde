package io.lightningop.runtime.js;

import io.lightningop.runtime.adaptor.AdaptorModules;
import io.lightningop.runtime.adaptor.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

  private final JsEngine engine;
  private final ModuleFileSystem fileSystem;
  private final AdaptorModules adaptors;

  StepRunner(JsEngine engine, ModuleFileSystem fileSystem, AdaptorModules adaptors) {
    this.engine = engine;
    this.fileSystem = fileSystem;
    this.adaptors = adaptors;
    fileSystem.put(RUNTIME_MODULE, RUNTIME_MODULE_SOURCE);
  }

  /**
   * @param timeoutMs the step timeout, counted from when the job module has loaded (0 = none)
   * @param runDeadline the run's deadline in epoch milliseconds (0 = none)
   */
  Outcome run(String jobPath, String globalsPath, String inputJson, String optsJson, LogSink sink,
              long timeoutMs, long runDeadline, Handle handle) {
    Map<String, String> options = adaptors == null ? Map.of() : adaptors.contextOptions();
    Context context = engine.newContext(fileSystem, options);
    handle.context = context;
    List<ScheduledFuture<?>> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
    if (runDeadline > 0) {
      timers.add(WATCHDOG.schedule(() -> handle.stop(Stop.RUN_TIMEOUT),
          Math.max(0, runDeadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS));
    }
    EventLoop loop = null;
    try {
      ProxyExecutable log = args -> {
        sink.log(args[0].asString(), args[1].asString(), args[2].asString());
        return null;
      };
      ProxyExecutable loaded = args -> {
        if (timeoutMs > 0) {
          timers.add(WATCHDOG.schedule(() -> handle.stop(Stop.TIMEOUT), timeoutMs, TimeUnit.MILLISECONDS));
        }
        return null;
      };
      Value kernel = context.eval(KERNEL).execute(log, loaded);
      loop = prepare(context, kernel);
      handle.loop = loop;
      if (handle.stopped() != null) return new Outcome(null, handle.stopped());
      Value promise = kernel.invokeMember("runStep", jobPath, globalsPath, inputJson, optsJson);
      EventLoop.Settled settled;
      try {
        settled = loop.await(promise);
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
      if (loop != null) loop.close();
      try {
        context.close(true);
      } catch (RuntimeException ignored) {
        // a cancelled context rethrows on close
      }
    }
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
