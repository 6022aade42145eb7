package org.feedbackrouter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The executable jar's entry point: one picocli root command with a subcommand per task. */
@Command(
    name = "feedback-router",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Routes customer feedback from Kafka to the departments that own its cause.",
    subcommands = {CommandLine.HelpCommand.class, TaxonomyCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests execute it without exiting the JVM. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
