package org.feedbackrouter.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.MatchSource;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Sentiment;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.avro.TaskStatus;
import org.feedbackrouter.avro.TopicScore;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.registry.AvroSerdes;
import org.feedbackrouter.registry.MockSchemaRegistry;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClient;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipTable;
import org.feedbackrouter.route.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The due-time index has no changelog, so a restored task store comes back without it; the
 * processor must rebuild it from the tasks before the first SLA check.
 */
class DueIndexRebuildTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private final String scope = "due-index-" + UUID.randomUUID();
  private final SchemaRegistryClient registry = SchemaRegistryClients.create(RegistryConfig.of("mock://" + scope));

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void slaChecksFireForTasksRestoredWithoutTheirIndex() {
    MockProcessorContext<String, LifecycleOutput> context = new MockProcessorContext<>();
    KeyValueStore<String, TaskState> tasks = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("tasks"),
        Serdes.String(), AvroSerdes.specific(TaskState.class, registry, false, true)).withLoggingDisabled().build();
    KeyValueStore<String, String> index = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("due"),
        Serdes.String(), Serdes.String()).withLoggingDisabled().build();
    TimestampedKeyValueStore<String, AreaOwnership> ownership = Stores.timestampedKeyValueStoreBuilder(
        Stores.inMemoryKeyValueStore("ownership"), Serdes.String(),
        AvroSerdes.specific(AreaOwnership.class, registry, false, true)).withLoggingDisabled().build();
    for (var store : List.of(tasks, index, ownership)) {
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }

    // What a restore leaves: the task with its next check time, and an index that is empty
    // apart from a stale entry for a task that no longer exists.
    Task owner = ownerTask();
    tasks.put(owner.getTaskId(), TaskState.newBuilder().setTask(owner).setStatus(TaskStatus.OPEN)
        .setFired(new ArrayList<>()).setHistory(new ArrayList<>())
        .setNextCheckAt(owner.getAcknowledgeDueAt().toEpochMilli()).build());
    new DueIndex(index).add(owner.getAcknowledgeDueAt().toEpochMilli() - 1, "gone", DueIndex.CHECK);

    TaskLifecycleProcessor processor = new TaskLifecycleProcessor(
        new LifecycleSettings(1, "tasks", "due", "ownership", "cx_office", Duration.ofSeconds(30), Duration.ofDays(7)),
        new FeedbackMetrics(new SimpleMeterRegistry()));
    processor.init(context);

    assertThat(index.approximateNumEntries()).isEqualTo(1);
    long overdue = owner.getAcknowledgeDueAt().plusSeconds(1).toEpochMilli();
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(overdue);
    assertThat(context.forwarded()).extracting(f -> f.record().value())
        .hasOnlyElementsOfType(LifecycleOutput.NewAlert.class)
        .extracting(o -> ((LifecycleOutput.NewAlert) o).alert().getKind())
        .containsExactly(AlertKind.SLA_BREACH);
    assertThat(tasks.get(owner.getTaskId()).getFired()).containsExactly(TaskStateMachine.ACKNOWLEDGE);
    processor.close();
  }

  private static Task ownerTask() {
    ClassifiedFeedback feedback = ClassifiedFeedback.newBuilder()
        .setFeedbackId("f1").setChannel(Channel.SELF_SERVICE).setReceivedAt(NOW).setClassifiedAt(NOW)
        .setLanguage("en").setRedactedText("The blender stopped working after two days")
        .setTopics(List.of(new TopicScore("product_defect", 0.9, MatchSource.BOTH)))
        .setPrimaryTopic("product_defect").setSentiment(Sentiment.NEGATIVE).setPriority(Priority.P2).build();
    var entries = OwnershipFile.fromClasspath("/ownership/sample-ownership.yaml").entries();
    return new Router().route(feedback, new OwnershipTable(entries::get, "cx_office"), NOW.toEpochMilli())
        .tasks().stream().filter(t -> t.getRole() == Role.OWNER).findFirst().orElseThrow();
  }
}
