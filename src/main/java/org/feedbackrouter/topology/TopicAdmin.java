package org.feedbackrouter.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.feedbackrouter.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the service's topics through the admin client: the fixed ones at start-up, and
 * {@code tasks.<department>} and {@code alerts.<department>} for the ownership file's departments
 * and, through {@link DepartmentTopicWatcher}, for departments that appear later. Its calls block
 * (up to 30 s each), so it is never called from a stream thread. Departments it created are
 * remembered, so it asks the broker once per department.
 */
public final class TopicAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private final Admin admin;
  private final Topics topics;
  private final int partitions;
  private final int departmentPartitions;
  private final short replication;
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final Set<String> createdHere = ConcurrentHashMap.newKeySet();

  public TopicAdmin(Admin admin, Topics topics, int partitions, int departmentPartitions, short replication) {
    this.admin = admin;
    this.topics = topics;
    this.partitions = partitions;
    this.departmentPartitions = departmentPartitions;
    this.replication = replication;
  }

  /**
   * The fixed topics; {@code area.ownership}, {@code feedback.labels} and {@code alert.silences} are
   * compacted, since the latest entry per topic, feedback or silence is all that counts.
   */
  public void ensureCoreTopics() {
    Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    NewTopic ownership = newTopic(topics.ownership().name(), 1).configs(compacted);
    create(List.of(
        newTopic(topics.feedbackReceived().name(), partitions),
        newTopic(topics.deadLetter().name(), partitions),
        newTopic(topics.classified().name(), partitions),
        ownership,
        newTopic(topics.taskEvents().name(), partitions),
        newTopic(topics.taskOutcomes().name(), partitions),
        newTopic(topics.labels().name(), partitions).configs(compacted),
        newTopic(topics.silences().name(), 1).configs(compacted)));
  }

  /** Topics outside the processor's own set, such as the deliverer's {@code notifications.dlq}. */
  public void ensureTopics(Collection<String> names) {
    create(names.stream().map(name -> newTopic(name, partitions)).toList());
  }

  /**
   * Task ids are chosen to fall in their feedback's partition (see
   * {@link org.feedbackrouter.route.Ids#task}), so the inputs must have the partition count the
   * ids were chosen for; anything else would send departments' events to the wrong stream task.
   */
  public void requireInputPartitions() {
    // A topic created just now has the right count, and the broker's metadata may not list it yet.
    List<String> inputs = List.of(topics.feedbackReceived().name(), topics.taskEvents().name()).stream()
        .filter(name -> !createdHere.contains(name))
        .toList();
    if (inputs.isEmpty()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    await(admin.describeTopics(inputs).allTopicNames(), "describe " + inputs).forEach((name, description) -> {
      if (description.partitions().size() != partitions) {
        problems.add("topic " + name + " has " + description.partitions().size()
            + " partitions but feedback.topics.partitions is " + partitions
            + ": feedback.received and task.events must both have that many");
      }
    });
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** Creates the task and alert topics of the departments not created before; existing ones are fine. */
  public void ensure(Collection<String> departments) {
    List<NewTopic> missing = new ArrayList<>();
    for (String d : departments) {
      if (!known.contains(d)) {
        missing.add(newTopic(topics.tasksTopic(d), departmentPartitions));
        missing.add(newTopic(topics.alertsTopic(d), departmentPartitions));
      }
    }
    if (!missing.isEmpty()) {
      create(missing);
      known.addAll(departments);
    }
  }

  /** Every topic name the broker lists. */
  public Set<String> existingTopics() {
    return await(admin.listTopics().names(), "list topics");
  }

  private void create(List<NewTopic> newTopics) {
    admin.createTopics(newTopics).values().forEach((name, created) -> {
      try {
        await(created, "create topic " + name);
        createdHere.add(name);
        LOG.info("Created topic {}", name);
      } catch (KafkaException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    });
  }

  /** Waits for an admin call; any failure comes back as a KafkaException saying what was tried. */
  private static <T> T await(KafkaFuture<T> call, String what) {
    try {
      return call.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new KafkaException("Cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException("Timed out trying to " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted trying to " + what, e);
    }
  }

  private NewTopic newTopic(String name, int count) {
    return new NewTopic(name, Optional.of(count),
        replication < 0 ? Optional.empty() : Optional.of(replication));
  }
}
