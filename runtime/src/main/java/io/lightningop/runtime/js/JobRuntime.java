package io.lightningop.runtime.js;

import io.lightningop.runtime.adaptor.AdaptorModules;
import io.lightningop.runtime.compile.JobCompiler;

/**
 * The process-wide pieces a worker needs to run jobs: one shared Engine, the compiler on it, and
 * an executor over the given adaptors. Create once; close at shutdown.
 */
public final class JobRuntime implements AutoCloseable {
  private final JsEngine engine;
  private final JobCompiler compiler;
  private final RunExecutor executor;

  public JobRuntime(AdaptorModules adaptors) {
    engine = new JsEngine();
    compiler = new JobCompiler(engine.engine());
    executor = new RunExecutor(engine, compiler, adaptors);
  }

  public RunExecutor executor() { return executor; }

  public JobCompiler compiler() { return compiler; }

  @Override
  public void close() {
    compiler.close();
    engine.close();
  }
}
