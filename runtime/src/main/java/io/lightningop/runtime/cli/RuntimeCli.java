package io.lightningop.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./lightning worker|execute|conformance|adaptors ...}: the runtime's commands. */
@Command(name = "lightning", mixinStandardHelpOptions = true,
    description = "Lightning Operator runtime: run OpenFn jobs on GraalJS.",
    subcommands = {ExecuteCommand.class, ConformanceCommand.class, WorkerCommand.class,
        io.lightningop.runtime.adaptor.AdaptorsCommand.class})
public final class RuntimeCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command (execute, conformance, worker, adaptors)");
  }

  public static void main(String[] args) {
    int code = new CommandLine(new RuntimeCli()).execute(args);
    System.exit(code);
  }
}
