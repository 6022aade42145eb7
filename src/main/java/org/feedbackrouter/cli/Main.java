package org.feedbackrouter.cli;

import org.feedbackrouter.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The executable jar's entry point: one picocli root command with a subcommand per task. */
@Command(
    name = "feedback-router",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Routes customer feedback from Kafka to the departments that own its cause.",
    subcommands = {CommandLine.HelpCommand.class, RunCommand.class, DemoCommand.class,
        ProduceCommand.class, ClassifyCommand.class, OwnershipCommand.class, NotifyCommand.class,
        TaxonomyCommand.class, SentimentCommand.class, TailCommand.class, BenchCommand.class, DlqCommand.class})
public final class Main implements Runnable {
  /** Exit code for missing or invalid settings. */
  public static final int EXIT_BAD_SETTINGS = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests execute it without exiting the JVM. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof ConfigException config) {
        // One line per problem, no stack trace: the operator fixes settings, not code.
        config.problems().forEach(p -> commandLine.getErr().println("config: " + p));
        commandLine.getErr().flush();
        return EXIT_BAD_SETTINGS;
      }
      if (parseResult.expandedArgs().contains("--verbose")) {
        e.printStackTrace(commandLine.getErr());
      } else {
        commandLine.getErr().println("error: " + oneLine(e) + " (--verbose shows the stack trace)");
      }
      commandLine.getErr().flush();
      return 1;
    });
    return cli;
  }

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Print the stack trace of an unexpected failure (default: one line).")
  boolean verbose;

  /** The failure and its causes, each message once, on one line. */
  static String oneLine(Throwable e) {
    StringBuilder line = new StringBuilder();
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      message = message.replaceAll("\\s*\\R\\s*", " ").strip();
      if (!line.toString().contains(message)) {
        line.append(line.length() == 0 ? "" : ": ").append(message);
      }
    }
    return line.toString();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
