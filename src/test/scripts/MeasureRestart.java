import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.embedded.EmbeddedKafkaBroker;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.OwnershipDiff;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipPublisher;
import org.feedbackrouter.simulate.FeedbackGenerator;
import org.feedbackrouter.testkit.ApicurioRegistry;
import org.feedbackrouter.topology.TopicAdmin;
import org.feedbackrouter.topology.Topics;

/**
 * Measures kill -9 -> processing again for the built jar (see measure-restart.sh, which builds the
 * class path). Broker: in this JVM; registry: Apicurio in its own; service: `java -jar ... run`
 * processes, which inherit this process's environment (so KAFKA_NUM_STANDBY_REPLICAS=1 etc. reach
 * them). "Processing again" = an input partition that still has a backlog has a new committed
 * offset beyond the one it had when the instance was killed (in pair mode: one of the killed
 * instance's partitions).
 *
 * Args: single|pair  backlog  kills  [model file|-]  [seconds to process before the first kill]
 */
public class MeasureRestart {
  static final Duration TIMEOUT = Duration.ofMinutes(5);

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int backlog = Integer.parseInt(args[1]);
    int kills = Integer.parseInt(args[2]);
    Optional<String> model = args.length > 3 && !args[3].equals("-") ? Optional.of(args[3]) : Optional.empty();
    int warmSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    Path work = Files.createTempDirectory("measure-restart-");
    log("work dir " + work);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Optional.of(work.resolve("kafka")), Map.of());
        ApicurioRegistry registry = ApicurioRegistry.launch(ApicurioRegistry.runnerJarFromBuild(),
            work.resolve("apicurio.log"), work.resolve("apicurio"));
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      String prefix = "m.";
      FeedbackConfig config = ConfigLoader.fromProperties(Map.of(
          "kafka.bootstrap.servers", broker.bootstrapServers(), "schema.registry.url", registry.url(),
          "feedback.topic.prefix", prefix, "feedback.application.id", "measure"));
      Topics topics = Topics.create(prefix, SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
      OwnershipFile ownership = OwnershipFile.fromClasspath("/ownership/sample-ownership.yaml");
      TopicAdmin topicAdmin = new TopicAdmin(admin, topics, config.topicPartitions(), 1, (short) -1);
      topicAdmin.ensureCoreTopics();
      topicAdmin.ensure(ownership.departments());
      new OwnershipPublisher(KafkaClients.config(config), topics.ownership())
          .publish(OwnershipDiff.between(Map.of(), ownership.entries()));
      produce(broker.bootstrapServers(), topics, backlog);
      String input = topics.feedbackReceived().name();

      Map<String, String> env = new HashMap<>(Map.of(
          "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "SCHEMA_REGISTRY_URL", registry.url(),
          "FEEDBACK_TOPIC_PREFIX", prefix, "FEEDBACK_APPLICATION_ID", "measure",
          "FEEDBACK_HTTP_PORT", "0", "FEEDBACK_DLQ_STORE_ORIGINAL", "false"));
      model.ifPresent(m -> env.put("FEEDBACK_CLASSIFIER_MODEL", m));
      List<String> names = mode.equals("pair") ? List.of("a", "b") : List.of("a");
      Map<String, Process> running = new HashMap<>();
      for (String name : names) {
        running.put(name, start(work, env, name, 0));
      }
      awaitAllCommitted(admin, input, names.size());
      // More state to restore: the instances process the backlog for a while first.
      TimeUnit.SECONDS.sleep(warmSeconds);
      List<Long> times = new ArrayList<>();
      for (int kill = 1; kill <= kills; kill++) {
        List<TopicPartition> owned = ownedBy(admin, "measure-a-", input);
        if (owned.isEmpty()) {
          throw new IllegalStateException("instance a owns no input partition (only standbys or other tasks): rerun");
        }
        long t0 = System.nanoTime();
        running.get("a").destroyForcibly().waitFor();
        Map<TopicPartition, Long> committedAtKill = committed(admin, input);
        // Kafka Streams may not have committed on every partition yet: -1 stands for none.
        Map<TopicPartition, Long> atKill = new HashMap<>();
        owned.forEach(tp -> atKill.put(tp, committedAtKill.getOrDefault(tp, -1L)));
        log("kill -9 a (" + kill + "/" + kills + "), committed " + atKill);
        if (mode.equals("single")) {
          running.put("a", start(work, env, "a", kill));
        }
        Map<TopicPartition, Long> ends = ends(admin, atKill);
        while (true) {
          Map<TopicPartition, Long> now = committed(admin, input);
          boolean any = atKill.entrySet().stream().anyMatch(e -> ends.get(e.getKey()) > Math.max(e.getValue(), 0)
              && now.getOrDefault(e.getKey(), -1L) > e.getValue());
          if (any) {
            break;
          }
          if (System.nanoTime() - t0 > TIMEOUT.toNanos()) {
            throw new IllegalStateException("not processing again after " + TIMEOUT);
          }
          TimeUnit.MILLISECONDS.sleep(100);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        times.add(ms);
        log("RESULT mode=" + mode + " kill=" + kill + " kill->processing-again ms=" + ms);
        if (mode.equals("pair")) {
          // Bring a back, and wait until both share the work again before the next kill.
          running.put("a", start(work, env, "a", kill));
          awaitAllCommitted(admin, input, 2);
        } else {
          awaitAllCommitted(admin, input, 1);
        }
      }
      log("RESULTS mode=" + mode + " ms=" + times + " logs in " + work);
      running.values().forEach(Process::destroyForcibly);
    }
  }

  static Process start(Path work, Map<String, String> env, String name, int run) throws IOException {
    Path log = work.resolve(name + "-" + run + ".log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", "target/feedback-router.jar", "run")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("KAFKA_STATE_DIR", work.resolve("state-" + name).toString());
    pb.environment().put("FEEDBACK_INSTANCE_NAME", name);
    log("start " + name + " -> " + log);
    return pb.start();
  }

  /** Both (or the one) instances have members in the group and every partition has a commit. */
  static void awaitAllCommitted(Admin admin, String input, int members) throws Exception {
    long t0 = System.nanoTime();
    Map<TopicPartition, Long> first = null;
    while (System.nanoTime() - t0 < TIMEOUT.toNanos()) {
      Map<TopicPartition, Long> now = committed(admin, input);
      int n = members(admin);
      if ((System.nanoTime() - t0) / 1_000_000 % 10_000 < 200) {
        log("waiting for " + members + " member(s) processing: members=" + n + " committed=" + now);
      }
      if (first == null && !now.isEmpty()) {
        first = now;
      } else if (first != null && n == members && advancedSomewhere(first, now)) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IllegalStateException("instances did not start processing");
  }

  static List<TopicPartition> ownedBy(Admin admin, String instancePrefix, String input) throws Exception {
    return admin.describeConsumerGroups(List.of("measure")).describedGroups().get("measure").get().members().stream()
        .filter(m -> m.groupInstanceId().orElse("").startsWith(instancePrefix))
        .flatMap(m -> m.assignment().topicPartitions().stream())
        .filter(tp -> tp.topic().equals(input)).toList();
  }

  static int members(Admin admin) throws InterruptedException {
    try {
      return admin.describeConsumerGroups(List.of("measure")).describedGroups().get("measure").get().members().size();
    } catch (java.util.concurrent.ExecutionException notYet) {
      log("describe group: " + notYet.getCause());
      return 0;
    }
  }

  static boolean advancedSomewhere(Map<TopicPartition, Long> first, Map<TopicPartition, Long> now) {
    return now.entrySet().stream().anyMatch(e -> e.getValue() > first.getOrDefault(e.getKey(), -1L));
  }

  static Map<TopicPartition, Long> committed(Admin admin, String input) throws Exception {
    Map<TopicPartition, Long> out = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> all =
        admin.listConsumerGroupOffsets("measure").partitionsToOffsetAndMetadata().get();
    all.forEach((tp, o) -> {
      if (tp.topic().equals(input) && o != null) {
        out.put(tp, o.offset());
      }
    });
    return out;
  }

  static Map<TopicPartition, Long> ends(Admin admin, Map<TopicPartition, Long> partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    partitions.keySet().forEach(tp -> specs.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, Long> out = new HashMap<>();
    admin.listOffsets(specs).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  static void produce(String bootstrap, Topics topics, int count) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    FeedbackGenerator generator = new FeedbackGenerator(7);
    try (KafkaProducer<String, FeedbackReceived> producer = new KafkaProducer<>(p, new StringSerializer(),
        topics.feedbackReceived().valueSerde().serializer())) {
      for (int i = 0; i < count; i++) {
        FeedbackReceived f = generator.next(Instant.now());
        producer.send(new ProducerRecord<>(topics.feedbackReceived().name(), f.getId(), f));
      }
    }
    log("produced " + count + " feedback");
  }

  static void log(String line) {
    System.out.println(Instant.now() + " " + line);
  }
}
