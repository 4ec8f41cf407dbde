package io.lightningop.runtime.js;

import io.lightningop.runtime.adaptor.AdaptorModules;
import io.lightningop.runtime.compile.JobCompiler;

/**
 * The process-wide pieces a worker needs to run jobs: one shared Engine, the compiler on it, and
 * an executor over the given adaptors. Create once; close at shutdown.
 */
public final class JobRuntime implements AutoCloseable {
  /** One step Context kept ready per recently used adaptor set: the next step skips its set-up. */
  public static final int DEFAULT_WARM_CONTEXTS = 1;

  private final JsEngine engine;
  private final JobCompiler compiler;
  private final RunExecutor executor;

  public JobRuntime(AdaptorModules adaptors) {
    this(adaptors, DEFAULT_WARM_CONTEXTS);
  }

  /** @param warmContexts step Contexts kept ready per adaptor set (0: each built when its step starts) */
  public JobRuntime(AdaptorModules adaptors, int warmContexts) {
    engine = new JsEngine();
    compiler = new JobCompiler(engine.engine());
    executor = new RunExecutor(engine, compiler, adaptors, warmContexts);
  }

  public RunExecutor executor() { return executor; }

  public JobCompiler compiler() { return compiler; }

  @Override
  public void close() {
    executor.close();
    compiler.close();
    engine.close();
  }
}
