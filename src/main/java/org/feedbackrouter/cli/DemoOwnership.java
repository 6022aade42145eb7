package org.feedbackrouter.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.feedbackrouter.alert.OwnershipSilences;
import org.feedbackrouter.alert.SilencePublisher;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.Silence;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.OwnershipDiff;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipPublisher;
import org.feedbackrouter.simulate.DemoModel;
import org.feedbackrouter.topology.TopicAdmin;
import org.feedbackrouter.topology.Topics;

/** The demo's sample ownership model: its topics created, its changes and silences published, as {@code ownership apply} does. */
final class DemoOwnership {
  private DemoOwnership() {}

  static void apply(FeedbackConfig config, PrintWriter out) throws Exception {
    Topics topics = Topics.create(config.topicPrefix(),
        SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
    Map<String, Object> clients = KafkaClients.config(config);
    Map<String, AreaOwnership> model = DemoModel.ownership();
    try (Admin admin = Admin.create(clients)) {
      TopicAdmin topicAdmin = new TopicAdmin(admin, topics, config.topicPartitions(),
          config.departmentTopicPartitions(), config.replicationFactor());
      topicAdmin.ensureCoreTopics();
      Set<String> departments = OwnershipFile.departmentsOf(model.values());
      topicAdmin.ensure(departments);
      OwnershipPublisher publisher = new OwnershipPublisher(clients, topics.ownership());
      OwnershipDiff diff = OwnershipDiff.between(publisher.current(Duration.ofSeconds(30)), model);
      publisher.publish(diff);
      List<Silence> silences = OwnershipSilences.fromClasspath(DemoModel.FILE, Instant.now());
      new SilencePublisher(clients, topics.silences()).publish(silences);
      out.println("Ownership model: " + (model.size() - 1) + " topics, " + departments.size()
          + " departments " + departments + "; " + silences.size() + " silence(s) "
          + silences.stream().map(s -> s.getSilenceId()).toList());
    }
  }

}
