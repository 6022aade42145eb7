package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Role;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskEventType;
import org.feedbackrouter.dlq.DeadLetterReplay;
import org.feedbackrouter.ingest.DeadLetterHandler;
import org.feedbackrouter.ingest.RejectReason;
import org.feedbackrouter.simulate.FeedbackGenerator;
import org.feedbackrouter.testkit.RealServices;
import org.feedbackrouter.testkit.TopicSnapshot;

/**
 * The traffic of a crash or outage test and its bookkeeping: generated feedback (some of it invalid, each kind of
 * invalid with the reason it must be dead-lettered for), RESOLVED events for tasks, what was sent, and the checks that
 * everything sent came out exactly once, read the way a department reads ({@code read_committed}).
 */
final class CrashFlow implements AutoCloseable {
  /** One feedback in this many is invalid, cycling through {@link #invalid}'s kinds. */
  private static final int INVALID_EVERY = 25;
  private static final String MALFORMED = "not avro: \u0000\u0001";

  private final RealServices services;
  private final ServiceSetup setup;
  private final FeedbackGenerator generator = new FeedbackGenerator(15);
  private final KafkaProducer<String, FeedbackReceived> feedback;
  private final KafkaProducer<String, byte[]> bytes;
  private final KafkaProducer<String, TaskEvent> events;
  private final Set<String> valid = new HashSet<>();
  private final Map<String, String> invalidReasons = new HashMap<>();
  private final Set<String> resolved = new HashSet<>();
  private int sent;

  private CrashFlow(RealServices services, ServiceSetup setup) {
    this.services = services;
    this.setup = setup;
    Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        // Outage tests keep sending while the broker is away: the producer waits instead of failing.
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000, ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
    this.feedback = new KafkaProducer<>(p, new StringSerializer(), setup.topics().feedbackReceived().valueSerde().serializer());
    this.bytes = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    this.events = new KafkaProducer<>(p, new StringSerializer(), setup.topics().taskEvents().valueSerde().serializer());
  }

  static CrashFlow create(RealServices services, Path dir, String name) throws IOException {
    return new CrashFlow(services, ServiceSetup.create(services, dir, name, ServiceSetup.LONG_SLA, Map.of()));
  }

  /** The environment of {@code run} for this flow, with its own state directory. */
  Map<String, String> serviceEnv(Path stateDir, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", services.bootstrapServers(),
        "SCHEMA_REGISTRY_URL", services.registryUrl(),
        "FEEDBACK_TOPIC_PREFIX", setup.prefix(),
        "FEEDBACK_APPLICATION_ID", setup.config().applicationId(),
        "KAFKA_STATE_DIR", stateDir.toString(),
        "FEEDBACK_DLQ_KEY", Base64.getEncoder().encodeToString(new byte[32]),
        // The encoder's second opinion costs 4x the CPU per record and is not what these tests are about.
        "FEEDBACK_CLASSIFIER_ENCODER", "off"));
    env.putAll(extra);
    return env;
  }

  /** Sends {@code count} feedback, one in {@value #INVALID_EVERY} invalid, and, between them, the events given. */
  void send(int count, List<TaskEvent> interleaved) {
    int eventEvery = interleaved.isEmpty() ? Integer.MAX_VALUE : Math.max(1, count / interleaved.size());
    int nextEvent = 0;
    for (int i = 0; i < count; i++) {
      sent++;
      FeedbackReceived f = generator.next(Instant.now());
      if (sent % INVALID_EVERY == 0) {
        invalid(f, (sent / INVALID_EVERY) % 4);
      } else {
        valid.add(f.getId());
        feedback.send(new ProducerRecord<>(setup.topics().feedbackReceived().name(), f.getId(), f));
      }
      if (i % eventEvery == 0 && nextEvent < interleaved.size()) {
        resolve(interleaved.get(nextEvent++));
      }
    }
    interleaved.subList(nextEvent, interleaved.size()).forEach(this::resolve);
    feedback.flush();
    bytes.flush();
    events.flush();
  }

  /** A RESOLVED event for each task, as a department would send it. */
  static List<TaskEvent> resolving(List<Task> tasks) {
    return tasks.stream().map(t -> TaskEvent.newBuilder().setTaskId(t.getTaskId()).setType(TaskEventType.RESOLVED)
        .setActor("crash-test").setOccurredAt(Instant.now()).build()).toList();
  }

  private void resolve(TaskEvent event) {
    resolved.add(event.getTaskId());
    events.send(new ProducerRecord<>(setup.topics().taskEvents().name(), event.getTaskId(), event));
  }

  private void invalid(FeedbackReceived f, int kind) {
    String topic = setup.topics().feedbackReceived().name();
    switch (kind) {
      case 0 -> {
        invalidReasons.put(f.getId(), RejectReason.MALFORMED.label());
        bytes.send(new ProducerRecord<>(topic, f.getId(), MALFORMED.getBytes(StandardCharsets.UTF_8)));
        return;
      }
      case 1 -> {
        invalidReasons.put(f.getId(), RejectReason.TEXT_TOO_LONG.label());
        f.setText(f.getText().repeat(10_001 / f.getText().length() + 1));
      }
      case 2 -> {
        invalidReasons.put(f.getId(), RejectReason.SCORE_OUT_OF_RANGE.label());
        f.setScores(Scores.newBuilder().setNps(11).build());
      }
      default -> {
        invalidReasons.put(f.getId(), RejectReason.FUTURE_TIMESTAMP.label());
        f.setReceivedAt(Instant.now().plus(Duration.ofDays(2)));
      }
    }
    feedback.send(new ProducerRecord<>(topic, f.getId(), f));
  }

  /** Tasks a department could act on (not observers' copies), as committed now, that no event resolved yet. */
  List<Task> openActingTasks() {
    return committed(taskTopics()).stream().map(this::task)
        .filter(t -> t.getRole() != Role.OBSERVER && !resolved.contains(t.getTaskId())).toList();
  }

  /** Offsets written to {@code feedback.classified} so far, committed or not: progress, as a crash would see it. */
  long classifiedWritten() {
    return TopicSnapshot.endOffsetSum(services.admin(), List.of(setup.topics().classified().name()));
  }

  long outcomesWritten() {
    return TopicSnapshot.endOffsetSum(services.admin(), List.of(setup.topics().taskOutcomes().name()));
  }

  /** True once every valid feedback, dead letter and outcome this flow expects is committed. */
  boolean complete() {
    return committed(List.of(setup.topics().classified().name())).size() >= valid.size()
        && committed(List.of(setup.topics().deadLetter().name())).size() >= invalidReasons.size()
        && committed(List.of(setup.topics().taskOutcomes().name())).size() >= resolved.size();
  }

  /**
   * Asserts exactly once on every output and returns the counts; call it with the service stopped, so that no
   * transaction is open and {@code read_committed} sees to the end.
   */
  Counts verifyExactlyOnce() {
    List<ConsumerRecord<String, byte[]>> classified = committed(List.of(setup.topics().classified().name()));
    assertThat(classified).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(valid);

    List<ConsumerRecord<String, byte[]>> deadLetters = committed(List.of(setup.topics().deadLetter().name())).stream()
        .filter(r -> r.headers().lastHeader(DeadLetterReplay.REPLAY_OF) == null).toList();
    Map<String, String> reasons = deadLetters.stream().collect(Collectors.toMap(ConsumerRecord::key,
        r -> header(r.headers().lastHeader(DeadLetterHandler.REASON)), (a, b) -> a + "," + b, LinkedHashMap::new));
    assertThat(deadLetters).hasSize(reasons.size());
    assertThat(reasons).isEqualTo(invalidReasons);

    List<Task> tasks = committed(taskTopics()).stream().map(this::task).toList();
    assertThat(tasks).extracting(Task::getTaskId).doesNotHaveDuplicates();
    Map<String, List<Task>> byFeedback = tasks.stream().collect(Collectors.groupingBy(Task::getFeedbackId));
    assertThat(byFeedback.keySet()).containsExactlyInAnyOrderElementsOf(valid);
    // Every task names every department involved: each of them must have its own task for that feedback.
    byFeedback.forEach((id, its) -> assertThat(its).extracting(Task::getDepartment).as("departments of %s", id)
        .containsExactlyInAnyOrderElementsOf(its.get(0).getDepartments()));

    List<ConsumerRecord<String, byte[]>> outcomes = committed(List.of(setup.topics().taskOutcomes().name()));
    assertThat(outcomes).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(resolved);

    List<String> outputs = outputTopics();
    long committed = committed(outputs).size();
    long all = TopicSnapshot.read(services.bootstrapServers(), outputs, IsolationLevel.READ_UNCOMMITTED).size();
    return new Counts(sent, valid.size(), invalidReasons.size(), tasks.size(), resolved.size(), committed, all - committed);
  }

  /** What a run sent and found; {@code aborted} are records of aborted transactions, visible only uncommitted. */
  record Counts(int feedback, int valid, int invalid, int tasks, int outcomes, long committedRecords, long aborted) {}

  private List<String> taskTopics() {
    return setup.departments().stream().map(d -> setup.topics().tasksTopic(d)).sorted().toList();
  }

  private List<String> outputTopics() {
    return Stream.of(
        Stream.of(setup.topics().classified().name(), setup.topics().deadLetter().name(),
            setup.topics().taskOutcomes().name()),
        taskTopics().stream(),
        setup.departments().stream().map(d -> setup.topics().alertsTopic(d)))
        .flatMap(Function.identity()).toList();
  }

  private List<ConsumerRecord<String, byte[]>> committed(List<String> topics) {
    return TopicSnapshot.read(services.bootstrapServers(), topics, IsolationLevel.READ_COMMITTED);
  }

  private Task task(ConsumerRecord<String, byte[]> r) {
    return setup.topics().taskSerde().deserializer().deserialize(r.topic(), r.value());
  }

  private static String header(Header h) {
    return h == null ? "(none)" : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    feedback.close();
    bytes.close();
    events.close();
  }
}
