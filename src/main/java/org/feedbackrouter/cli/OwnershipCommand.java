package org.feedbackrouter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.feedbackrouter.alert.OwnershipSilences;
import org.feedbackrouter.alert.SilencePublisher;
import org.feedbackrouter.avro.Silence;
import org.feedbackrouter.config.ConfigException;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.OwnershipDiff;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipPublisher;
import org.feedbackrouter.topology.TopicAdmin;
import org.feedbackrouter.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownership apply FILE}: validates the ownership file, prints the diff and publishes it. */
@Command(name = "ownership", mixinStandardHelpOptions = true,
    description = "Manage the ownership model in area.ownership.",
    subcommands = {OwnershipCommand.Apply.class, OwnershipCommand.Validate.class, OwnershipAclsCommand.class})
final class OwnershipCommand {

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = {
          "Validate an ownership file, print the diff against area.ownership (+ added, ~ changed,"
              + " - removed) and publish it in one transaction; removed topics are tombstoned.",
          "Creates area.ownership and each department's tasks.<department> and alerts.<department>"
              + " topics unless FEEDBACK_TOPICS_CREATE=false.",
          "--dry-run changes nothing anywhere: it creates no topic and publishes nothing; without a"
              + " broker it still validates the file and says the diff needs one.",
          "Exit codes: 0 applied (or nothing to do), 1 invalid file or failure, 2 bad settings,"
              + " 3 valid but no broker to diff against (dry run)."})
  static final class Apply implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Ownership YAML file.")
    Path file;

    @Option(names = "--dry-run", description = "Print the diff only; publish nothing.")
    boolean dryRun;

    @Mixin ConnectionOptions connection;

    @Option(names = "--taxonomy", paramLabel = "FILE",
        description = "Taxonomy whose topic ids the file may use (default: FEEDBACK_TAXONOMY_FILE or the bundled one).")
    Path taxonomyFile;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      FeedbackConfig config = null;
      ConfigException badSettings = null;
      try {
        config = connection.load(System.getenv());
      } catch (ConfigException e) {
        badSettings = e; // the file is still checked first: its problems are what the author came for
      }
      Optional<Path> taxonomy = taxonomyFile != null || config == null
          ? Optional.ofNullable(taxonomyFile) : config.taxonomyFile();
      OwnershipValidation validation = OwnershipValidation.of(file, taxonomy);
      if (!validation.valid()) {
        validation.problems().forEach(err::println);
        err.println(validation.problems().size() + " problem(s); nothing was published.");
        err.flush();
        return 1;
      }
      OwnershipFile ownership = validation.file();
      if (badSettings != null) {
        if (!dryRun) {
          throw badSettings;
        }
        return needsBroker(out, validation, String.join("; ", badSettings.problems()));
      }
      Map<String, Object> clients = KafkaClients.config(config);
      Topics topics = Topics.create(config.topicPrefix(),
          SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
      try (Admin admin = Admin.create(clients)) {
        Optional<String> unreachable = unreachable(admin, config.bootstrapServers());
        if (unreachable.isPresent()) {
          if (dryRun) {
            return needsBroker(out, validation, unreachable.get());
          }
          err.println(unreachable.get() + "; nothing was published.");
          err.flush();
          return 1;
        }
        TopicAdmin topicAdmin = new TopicAdmin(admin, topics, config.topicPartitions(),
            config.departmentTopicPartitions(), config.replicationFactor());
        if (config.createTopics() && !dryRun) {
          topicAdmin.ensureCoreTopics();
        }
        OwnershipPublisher publisher = new OwnershipPublisher(clients, topics.ownership());
        OwnershipDiff diff = OwnershipDiff.between(publisher.current(Duration.ofSeconds(30)), ownership.entries());
        diff.describe().forEach(out::println);
        out.printf("%d added, %d changed, %d removed%s%n", diff.added().size(), diff.changed().size(),
            diff.removed().size(), dryRun ? " (dry run: nothing published)" : "");
        if (!dryRun && !diff.isEmpty()) {
          if (config.createTopics()) {
            topicAdmin.ensure(ownership.departments());
          }
          publisher.publish(diff);
          out.println("Published to " + topics.ownership().name() + ".");
        }
        List<Silence> silences = OwnershipSilences.load(file, Instant.now());
        if (!dryRun && !silences.isEmpty()) {
          new SilencePublisher(clients, topics.silences()).publish(silences);
          out.println("Published " + silences.size() + " silence(s) to " + topics.silences().name() + ".");
        }
      }
      out.flush();
      return 0;
    }

    private Integer needsBroker(PrintWriter out, OwnershipValidation validation, String why) {
      out.println(validation.summary(file));
      out.println("The diff against area.ownership needs a broker: " + why + ".");
      out.flush();
      return EXIT_NO_DIFF;
    }
  }

  /** Valid, but with no broker to compare against: a dry run could not show the diff. */
  static final int EXIT_NO_DIFF = 3;

  private static final Duration REACH = Duration.ofSeconds(5);

  /**
   * Whether the cluster answers within a few seconds. Without this check the admin client and
   * consumer retry for their whole default timeouts (about a minute) before failing.
   */
  static Optional<String> unreachable(Admin admin, String bootstrapServers) throws InterruptedException {
    try {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) REACH.toMillis()))
          .clusterId().get(REACH.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      return Optional.of("no Kafka broker answered at " + bootstrapServers + " within " + REACH.toSeconds() + " s");
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = {
          "Check an ownership file offline: every problem with its path in the file, including topic ids"
              + " the taxonomy does not have (with the closest one). Connects to nothing.",
          "Exit codes: 0 valid, 1 problems found."})
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Ownership YAML file.")
    Path file;

    @Option(names = "--taxonomy", paramLabel = "FILE",
        description = "Taxonomy whose topic ids the file may use (default: the bundled one).")
    Path taxonomyFile;

    @Override
    public Integer call() {
      OwnershipValidation validation = OwnershipValidation.of(file, Optional.ofNullable(taxonomyFile));
      if (validation.valid()) {
        spec.commandLine().getOut().println(validation.summary(file));
        spec.commandLine().getOut().flush();
        return 0;
      }
      PrintWriter err = spec.commandLine().getErr();
      validation.problems().forEach(err::println);
      err.println(validation.problems().size() + " problem(s).");
      err.flush();
      return 1;
    }
  }
}
