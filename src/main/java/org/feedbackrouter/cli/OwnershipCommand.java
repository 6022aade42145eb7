package org.feedbackrouter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.InvalidOwnershipException;
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
    subcommands = OwnershipCommand.Apply.class)
final class OwnershipCommand {

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = {
          "Validate an ownership file, print the diff against area.ownership (+ added, ~ changed,"
              + " - removed) and publish it in one transaction; removed topics are tombstoned.",
          "Creates area.ownership and each department's tasks.<department> and alerts.<department>"
              + " topics unless FEEDBACK_TOPICS_CREATE=false.",
          "Exit codes: 0 applied (or nothing to do), 1 invalid file, 2 bad settings."})
  static final class Apply implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Ownership YAML file.")
    Path file;

    @Option(names = "--dry-run", description = "Print the diff only; publish nothing.")
    boolean dryRun;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      OwnershipFile ownership;
      try {
        ownership = OwnershipFile.load(file);
      } catch (InvalidOwnershipException e) {
        e.errors().forEach(err::println);
        err.println(e.errors().size() + " problem(s); nothing was published.");
        err.flush();
        return 1;
      }
      FeedbackConfig config = connection.load(System.getenv());
      Map<String, Object> clients = KafkaClients.config(config);
      Topics topics = Topics.create(config.topicPrefix(),
          SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
      try (Admin admin = Admin.create(clients)) {
        TopicAdmin topicAdmin = new TopicAdmin(admin, topics, config.topicPartitions(),
            config.departmentTopicPartitions(), config.replicationFactor());
        if (config.createTopics()) {
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
      }
      out.flush();
      return 0;
    }
  }
}
