package org.feedbackrouter.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertGroup;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.FeedbackLabel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskOutcome;
import org.feedbackrouter.avro.SurgeCount;
import org.feedbackrouter.avro.SurgeState;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.avro.Silence;
import org.feedbackrouter.registry.AvroSerdes;
import org.feedbackrouter.registry.SchemaRegistryClient;

/**
 * Every topic the service reads or writes, named as in PRODUCT.md behind a configurable prefix.
 * Department topics ({@code tasks.<department>}, {@code alerts.<department>}) share one serde each.
 */
public record Topics(
    String prefix,
    TopicSpec<String, FeedbackReceived> feedbackReceived,
    TopicSpec<byte[], byte[]> deadLetter,
    TopicSpec<String, ClassifiedFeedback> classified,
    TopicSpec<String, AreaOwnership> ownership,
    TopicSpec<String, TaskEvent> taskEvents,
    TopicSpec<String, TaskOutcome> taskOutcomes,
    Serde<Task> taskSerde,
    Serde<Alert> alertSerde,
    Serde<TaskState> taskStateSerde,
    Serde<SurgeState> surgeStateSerde,
    Serde<SurgeCount> surgeCountSerde,
    TopicSpec<String, FeedbackLabel> labels,
    TopicSpec<String, Silence> silences,
    Serde<AlertGroup> alertGroupSerde) {

  public static final String TASKS = "tasks.";
  public static final String ALERTS = "alerts.";

  /** Builds the specs with registry serdes; {@code autoRegister} off suits clusters that register schemas in CI. */
  public static Topics create(String prefix, SchemaRegistryClient registry, boolean autoRegister) {
    Serde<String> keys = Serdes.String();
    Serde<Task> taskSerde = AvroSerdes.specific(Task.class, registry, false, autoRegister);
    return new Topics(
        prefix,
        new TopicSpec<>(prefix + "feedback.received", keys,
            AvroSerdes.specific(FeedbackReceived.class, registry, false, autoRegister)),
        new TopicSpec<>(prefix + "feedback.dlq", Serdes.ByteArray(), Serdes.ByteArray()),
        new TopicSpec<>(prefix + "feedback.classified", keys,
            AvroSerdes.specific(ClassifiedFeedback.class, registry, false, autoRegister)),
        new TopicSpec<>(prefix + "area.ownership", keys,
            AvroSerdes.specific(AreaOwnership.class, registry, false, autoRegister)),
        new TopicSpec<>(prefix + "task.events", keys,
            AvroSerdes.specific(TaskEvent.class, registry, false, autoRegister)),
        new TopicSpec<>(prefix + "task.outcomes", keys,
            AvroSerdes.specific(TaskOutcome.class, registry, false, autoRegister)),
        taskSerde,
        AvroSerdes.specific(Alert.class, registry, false, autoRegister),
        AvroSerdes.specific(TaskState.class, registry, false, autoRegister),
        AvroSerdes.specific(SurgeState.class, registry, false, autoRegister),
        AvroSerdes.specific(SurgeCount.class, registry, false, autoRegister),
        new TopicSpec<>(prefix + "feedback.labels", keys,
            AvroSerdes.specific(FeedbackLabel.class, registry, false, autoRegister)),
        new TopicSpec<>(prefix + "alert.silences", keys,
            AvroSerdes.specific(Silence.class, registry, false, autoRegister)),
        AvroSerdes.specific(AlertGroup.class, registry, false, autoRegister));
  }

  public String tasksTopic(String department) {
    return prefix + TASKS + department;
  }

  public String alertsTopic(String department) {
    return prefix + ALERTS + department;
  }

  public TopicSpec<String, Task> tasks(String department) {
    return new TopicSpec<>(tasksTopic(department), Serdes.String(), taskSerde);
  }

  public TopicSpec<String, Alert> alerts(String department) {
    return new TopicSpec<>(alertsTopic(department), Serdes.String(), alertSerde);
  }
}
