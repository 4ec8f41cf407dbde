package io.lightningop.operator.cli;

import io.lightningop.operator.channel.WorkerSecrets;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lightning keys}: prints a fresh run-token key pair and worker secret as environment
 * variable lines, the output of OpenFn's {@code mix lightning.gen_worker_keys} (§4.16).
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Print a new worker secret and run-token key pair as environment variables.")
public final class KeysCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(WorkerSecrets.generate().envLines());
    out.println();
    out.println("# The control plane needs WORKER_RUNS_PRIVATE_KEY and WORKER_SECRET.");
    out.println("# Workers need WORKER_SECRET, and WORKER_LIGHTNING_PUBLIC_KEY to verify run tokens.");
    out.flush();
    return 0;
  }
}
