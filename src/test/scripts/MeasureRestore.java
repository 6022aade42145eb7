import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.MatchSource;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Sentiment;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.avro.TopicScore;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.embedded.EmbeddedKafkaBroker;
import org.feedbackrouter.lifecycle.TaskStateMachine;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.Ids;
import org.feedbackrouter.route.OwnershipDiff;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipPublisher;
import org.feedbackrouter.route.OwnershipTable;
import org.feedbackrouter.route.Router;
import org.feedbackrouter.simulate.FeedbackGenerator;
import org.feedbackrouter.testkit.ApicurioRegistry;
import org.feedbackrouter.topology.FeedbackTopology;
import org.feedbackrouter.topology.TopicAdmin;
import org.feedbackrouter.topology.Topics;

/**
 * Measures how long the built jar takes to restore the task store after an unclean stop, at
 * growing store sizes (docs/operations.md, "Failover and restart"). Run through
 * measure-restore.sh, which builds the class path.
 *
 * <p>Producing a million tasks through the service would take hours, so the task store's
 * changelog ({@code <application.id>-task-state-store-changelog}) is written directly: each
 * record is what the lifecycle processor would have stored for a task just created (synthetic
 * feedback from {@link FeedbackGenerator}, routed by the {@link Router} over the sample
 * ownership, made a {@link TaskState} by the {@link TaskStateMachine}, serialised by the
 * project's registry serde for the changelog topic), keyed by task id, in the partition the task
 * id falls in. The due-time index has no changelog; the service rebuilds it from the task store
 * when the task starts, which is part of the "restored -> RUNNING" time.
 *
 * <p>For each size: top the changelog up to that many tasks, empty the state directory (what
 * exactly-once does to the stores after kill -9: no checkpoint, so they are wiped), start
 * {@code java -jar target/feedback-router.jar run}, read from its log the "Restored local state"
 * line and the "-> RUNNING" transition, stop it and take the state directory's size.
 *
 * <p>Args: comma-separated task counts (ascending), [model file|-]. Prints RESULT lines.
 */
public class MeasureRestore {
  static final Duration TIMEOUT = Duration.ofMinutes(20);
  static final Pattern RESTORED =
      Pattern.compile("Restored local state: (\\d+) records into (\\d+) store partitions in (\\d+) ms");
  static final Pattern TRANSITION = Pattern.compile("Kafka Streams [A-Z_]+ -> ([A-Z_]+)");

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = Arrays.stream(args[0].split(",")).map(Integer::parseInt).toList();
    Optional<String> model = args.length > 1 && !args[1].equals("-") ? Optional.of(args[1]) : Optional.empty();
    Path work = Files.createTempDirectory("measure-restore-");
    log("work dir " + work);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Optional.of(work.resolve("kafka")), Map.of());
        ApicurioRegistry registry = ApicurioRegistry.launch(ApicurioRegistry.runnerJarFromBuild(),
            work.resolve("apicurio.log"), work.resolve("apicurio"));
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      String prefix = "m.";
      String appId = "measure";
      FeedbackConfig config = ConfigLoader.fromProperties(Map.of(
          "kafka.bootstrap.servers", broker.bootstrapServers(), "schema.registry.url", registry.url(),
          "feedback.topic.prefix", prefix, "feedback.application.id", appId));
      Topics topics = Topics.create(prefix, SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
      OwnershipFile ownership = OwnershipFile.fromClasspath("/ownership/sample-ownership.yaml");
      TopicAdmin topicAdmin = new TopicAdmin(admin, topics, config.topicPartitions(), 1, (short) -1);
      topicAdmin.ensureCoreTopics();
      topicAdmin.ensure(ownership.departments());
      new OwnershipPublisher(KafkaClients.config(config), topics.ownership())
          .publish(OwnershipDiff.between(Map.of(), ownership.entries()));
      int partitions = config.topicPartitions();
      String changelog = appId + "-" + FeedbackTopology.TASK_STORE + "-changelog";
      // As Kafka Streams would create it: one partition per input partition, compacted.
      admin.createTopics(List.of(new NewTopic(changelog, partitions, (short) -1)
          .configs(Map.of("cleanup.policy", "compact")))).all().get();

      Map<String, String> env = new HashMap<>(Map.of(
          "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "SCHEMA_REGISTRY_URL", registry.url(),
          "FEEDBACK_TOPIC_PREFIX", prefix, "FEEDBACK_APPLICATION_ID", appId,
          "FEEDBACK_HTTP_PORT", "0", "FEEDBACK_INSTANCE_NAME", "a", "FEEDBACK_DLQ_STORE_ORIGINAL", "false"));
      model.ifPresent(m -> env.put("FEEDBACK_CLASSIFIER_MODEL", m));
      Path state = work.resolve("state-a");
      env.put("KAFKA_STATE_DIR", state.toString());

      TaskSource source = new TaskSource(ownership, partitions, topics.taskStateSerde().serializer(), changelog);
      List<String> results = new ArrayList<>();
      for (int size : sizes) {
        source.produceUpTo(broker.bootstrapServers(), size);
        deleteTree(state);
        Path logFile = work.resolve("a-" + size + ".log");
        long t0 = System.nanoTime();
        Process service = start(env, logFile);
        long records = 0;
        long restoreMs = 0;
        long restoredSeenMs = -1;
        long runningMs = -1;
        while (runningMs < 0) {
          if (System.nanoTime() - t0 > TIMEOUT.toNanos() || !service.isAlive()) {
            service.destroyForcibly().waitFor();
            throw new IllegalStateException("not RUNNING (alive=" + service.isAlive() + "), see " + logFile);
          }
          String text = Files.readString(logFile);
          // Restore comes in rounds (the global stores' own, smaller one first): the records add up,
          // the time reported is the task stores' round.
          records = 0;
          restoreMs = 0;
          Matcher m = RESTORED.matcher(text);
          long largest = 0;
          while (m.find()) {
            records += Long.parseLong(m.group(1));
            if (Long.parseLong(m.group(1)) > largest) {
              largest = Long.parseLong(m.group(1));
              restoreMs = Long.parseLong(m.group(3));
            }
          }
          if (records >= size && restoredSeenMs < 0) {
            restoredSeenMs = (System.nanoTime() - t0) / 1_000_000;
          }
          Matcher transition = TRANSITION.matcher(text);
          String last = "";
          while (transition.find()) {
            last = transition.group(1);
          }
          if (records >= size && last.equals("RUNNING")) {
            runningMs = (System.nanoTime() - t0) / 1_000_000;
          }
          TimeUnit.MILLISECONDS.sleep(100);
        }
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        // Stopped cleanly (SIGTERM) so that RocksDB flushes its memtables and the size is what the
        // store takes on disk; the next size starts from an empty directory anyway.
        service.destroy();
        if (!service.waitFor(2, TimeUnit.MINUTES)) {
          service.destroyForcibly().waitFor();
        }
        long bytes = sizeOf(state);
        String result = String.format("RESULT tasks=%d changelog-records=%d restore-ms=%d"
                + " records/s=%d start->restored-seen-ms=%d start->RUNNING-ms=%d restored->RUNNING-ms=%d"
                + " state-dir-MB=%.0f avg-value-bytes=%d"
                + " changelog-partitions=%d load-avg=%s",
            size, records, restoreMs, records * 1000 / Math.max(1, restoreMs), restoredSeenMs,
            runningMs, runningMs - restoredSeenMs, bytes / 1e6, source.valueBytes / Math.max(1, source.produced),
            partitions, load);
        log(result);
        results.add(result);
      }
      log("RESULTS logs in " + work);
      results.forEach(MeasureRestore::log);
    }
  }

  /** Tasks as the lifecycle processor stores them, for one changelog. */
  static final class TaskSource {
    final FeedbackGenerator generator = new FeedbackGenerator(7);
    final List<String> themes = FeedbackGenerator.topics();
    final Router router;
    final OwnershipTable table;
    final TaskStateMachine machine;
    final int partitions;
    final Serializer<TaskState> serializer;
    final String changelog;
    long produced;
    long valueBytes;

    TaskSource(OwnershipFile ownership, int partitions, Serializer<TaskState> serializer, String changelog) {
      Map<String, org.feedbackrouter.avro.AreaOwnership> entries = ownership.entries();
      this.table = new OwnershipTable(entries::get, "cx_office");
      this.router = new Router(partitions);
      this.machine = new TaskStateMachine(table::resolve, (id, department) -> id, Duration.ofDays(7));
      this.partitions = partitions;
      this.serializer = serializer;
      this.changelog = changelog;
    }

    void produceUpTo(String bootstrap, long target) {
      Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          ProducerConfig.LINGER_MS_CONFIG, 50, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
          // As the service writes its changelogs (StreamsSettings: no compression).
          ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
      long t0 = System.nanoTime();
      long from = produced;
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
        while (produced < target) {
          Instant now = Instant.now();
          String theme = themes.get((int) (produced % themes.size()));
          FeedbackReceived f = generator.next(now, theme);
          int partition = Ids.partitionOf(f.getId(), partitions);
          ClassifiedFeedback classified = ClassifiedFeedback.newBuilder()
              .setFeedbackId(f.getId()).setChannel(f.getChannel()).setReceivedAt(f.getReceivedAt())
              .setClassifiedAt(now).setLanguage(f.getLanguage() == null ? "es" : f.getLanguage())
              .setRedactedText(f.getText()).setTopics(List.of(new TopicScore(theme, 0.9, MatchSource.BOTH)))
              .setPrimaryTopic(theme).setSentiment(Sentiment.NEGATIVE).setPriority(Priority.P3).build();
          for (Task task : router.route(classified, table, now.toEpochMilli(), partition).tasks()) {
            if (produced >= target) {
              break;
            }
            TaskStateMachine.Step step = machine.create(task);
            TaskState value = step.state();
            value.setNextCheckAt(step.nextCheckAt());
            byte[] bytes = serializer.serialize(changelog, value);
            valueBytes += bytes.length;
            producer.send(new ProducerRecord<>(changelog, partition, task.getTaskId(), bytes));
            produced++;
          }
        }
      }
      log("changelog now holds " + produced + " tasks (+" + (produced - from) + " in "
          + (System.nanoTime() - t0) / 1_000_000 + " ms)");
    }
  }

  static Process start(Map<String, String> env, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", "target/feedback-router.jar", "run")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    log("start -> " + log);
    return pb.start();
  }

  static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(f -> f.toFile().delete());
      }
    }
  }

  static void log(String line) {
    System.out.println(Instant.now() + " " + line);
  }
}
