package org.feedbackrouter.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.feedbackrouter.config.ConfigException;
import org.feedbackrouter.config.Durations;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.dlq.DeadLetterKey;
import org.feedbackrouter.dlq.DeadLetterReplay;
import org.feedbackrouter.dlq.ReplaySelection;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlq replay}: send dead letters back to the input they came from, once. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
    description = "Work with the dead-letter topic, feedback.dlq.",
    subcommands = DlqCommand.Replay.class)
final class DlqCommand {

  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = {
          "Open the selected dead letters with FEEDBACK_DLQ_KEY and re-publish their original values to the"
              + " input they came from (feedback.received or task.events), exactly once: a transactional"
              + " producer writes each record with a replay marker on feedback.dlq, and a later run skips"
              + " what was marked. Use it after fixing what made them fail (a schema, a limit).",
          "Exit codes: 0 every selected record replayed (or already replayed), 1 some could not be, 2 bad settings."})
  static final class Replay implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--reason", paramLabel = "R",
        description = "Only dead letters with this dlq.reason (e.g. unknown_schema, text_too_long).")
    String reason;

    @Option(names = "--since", paramLabel = "T",
        description = "Only dead letters filed at or after T: an ISO instant (2026-03-01T10:00:00Z) or an age (2h, 3d).")
    String since;

    @Option(names = "--dry-run", description = "List what would be replayed; publish nothing.")
    boolean dryRun;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ReplaySelection selection = new ReplaySelection(Optional.ofNullable(reason), Optional.ofNullable(since).map(Replay::instant));
      FeedbackConfig config = connection.load(System.getenv());
      DeadLetterKey key = config.dlqKey().orElseThrow(() -> new ConfigException(List.of(
          "FEEDBACK_DLQ_KEY is not set: it is the key the dead letters were sealed under")));
      Topics topics = Topics.create(config.topicPrefix(),
          SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
      DeadLetterReplay replay = new DeadLetterReplay(KafkaClients.config(config), topics.deadLetter().name(),
          Set.of(topics.feedbackReceived().name(), topics.taskEvents().name()), key,
          config.applicationId() + "-dlq-replay");
      DeadLetterReplay.Result result = replay.run(selection, dryRun, out::println);
      result.skipped().forEach(s -> err.println("skipped " + s));
      out.printf("%d selected (%s): %d %s, %d already replayed, %d skipped%n", result.selected(), selection,
          result.replayed(), dryRun ? "would be replayed (dry run: nothing published)" : "replayed",
          result.alreadyReplayed(), result.skipped().size());
      out.flush();
      err.flush();
      return result.skipped().isEmpty() ? 0 : 1;
    }

    private static Instant instant(String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        try {
          return Instant.now().minus(Durations.parse(text));
        } catch (IllegalArgumentException bad) {
          throw new ConfigException(List.of("--since '" + text + "' is neither an ISO instant nor an age like 2h"));
        }
      }
    }
  }
}
