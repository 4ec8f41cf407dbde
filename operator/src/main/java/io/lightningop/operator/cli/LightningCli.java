package io.lightningop.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./lightning} command. Each subcommand is one class; add new ones to
 * {@code subcommands} below. Exit codes: 0 ok, 1 the input is invalid or the operation failed,
 * 2 usage error (picocli's default).
 */
@Command(
    name = "lightning",
    mixinStandardHelpOptions = true,
    version = "lightning-operator 0.1.0",
    description = "Lightning Operator: OpenFn-compatible workflow automation.",
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      KeysCommand.class,
      UpCommand.class,
      OperatorCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class LightningCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for main and for tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new LightningCli());
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: give one of "
        + String.join(", ", spec.subcommands().keySet()));
  }
}
