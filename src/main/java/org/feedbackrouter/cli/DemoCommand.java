package org.feedbackrouter.cli;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.alert.OwnershipSilences;
import org.feedbackrouter.alert.SilencePublisher;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.Silence;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.dlq.DeadLetterKey;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.embedded.EmbeddedKafkaBroker;
import org.feedbackrouter.registry.RegistryConfig;
import org.feedbackrouter.registry.SchemaRegistryClients;
import org.feedbackrouter.route.OwnershipDiff;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipPublisher;
import org.feedbackrouter.service.FeedbackApp;
import org.feedbackrouter.simulate.DemoModel;
import org.feedbackrouter.simulate.DepartmentSimulator;
import org.feedbackrouter.simulate.FeedbackSimulator;
import org.feedbackrouter.topology.TopicAdmin;
import org.feedbackrouter.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: broker, registry, processor, sample model and simulators in one process. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Run everything in one process: a real single-node Kafka broker (KRaft) in the JVM, an in-memory"
            + " schema registry, the processor, the bundled bilingual taxonomy, a sample ownership model of"
            + " 12 departments on a demo clock (a day of SLA lasts a minute), a feedback simulator and"
            + " simulated departments that acknowledge and resolve tasks, some late.",
        "Prints the URLs of /metrics, the health endpoints and the API, then a summary line every few"
            + " seconds. Ctrl-C stops everything.",
        "With --simulate-only, runs just the simulators against the cluster and registry given by"
            + " --bootstrap-servers/--registry-url or the environment (for the Docker Compose stack)."})
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--rate", defaultValue = "5", paramLabel = "N",
      description = "Simulated feedback per second; 0 sends none (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
      description = "Port of /metrics, /health and the API; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Keep the broker's data and the state stores here across runs (default: a temporary directory, removed on exit).")
  Path dataDir;

  @Option(names = "--duration", paramLabel = "SECONDS",
      description = "Stop by itself after this many seconds (default: run until Ctrl-C).")
  Long durationSeconds;

  @Option(names = "--summary-every", defaultValue = "5", paramLabel = "SECONDS",
      description = "Seconds between summary lines (default: ${DEFAULT-VALUE}).")
  long summaryEvery;

  /** Whether simulated departments answer the tasks. */
  enum Departments { simulated, off }

  @Option(names = "--departments", defaultValue = "simulated", paramLabel = "simulated|off",
      description = "simulated: departments acknowledge and resolve tasks, some late; off: nobody answers, so"
          + " tasks stay open for your own client (default: ${DEFAULT-VALUE}).")
  Departments departments;

  @Option(names = "--simulate-only",
      description = "Only run the simulators against an existing cluster and registry.")
  boolean simulateOnly;

  @Mixin ConnectionOptions connection;
  @Mixin ClassifierOptions classifierOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String invalid = invalidOption();
    if (invalid != null) {
      spec.commandLine().getErr().println(invalid);
      spec.commandLine().getErr().flush();
      return Main.EXIT_BAD_SETTINGS;
    }
    List<AutoCloseable> parts = new ArrayList<>();
    CountDownLatch stop = new CountDownLatch(1);
    AtomicReference<Runnable> finalSummary = new AtomicReference<>(() -> { });
    Thread hook = new Thread(() -> {
      stop.countDown();
      finalSummary.getAndSet(() -> { }).run();
      closeAll(parts);
    }, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      FeedbackConfig config;
      FeedbackApp app = null;
      DemoAccess access = DemoAccess.of(System.getenv("FEEDBACK_API_TOKENS"), new java.security.SecureRandom());
      if (simulateOnly) {
        config = connection.load(classifierOptions.over(System.getenv()));
      } else {
        DemoLog log = quietConsole(parts);
        out.println("feedback-router demo: starting a Kafka broker, the processor and the simulators"
            + " (Kafka's logs: " + log.file() + ")");
        out.flush();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
            Optional.ofNullable(dataDir).map(d -> d.resolve("kafka")), Map.of());
        parts.add(0, broker);
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", broker.bootstrapServers());
        settings.put("schema.registry.url", "mock://demo");
        settings.put("feedback.http.port", Integer.toString(httpPort));
        settings.put("feedback.application.id", "feedback-router-demo");
        settings.put("feedback.topics.partitions", "3");
        settings.put("feedback.sla.check.interval", "2s");
        settings.put("feedback.surge.window", "60s");
        settings.put("feedback.surge.advance", "20s");
        settings.put("feedback.unowned.alert.interval", "1m");
        settings.put("feedback.api.tokens", access.spec());
        // State lives and dies with the broker's data, so a second demo never meets stale stores.
        settings.put("kafka.state.dir", (dataDir != null ? dataDir.resolve("state")
            : broker.dataDirectory().resolve("streams-state")).toString());
        classifierOptions.putInto(settings);
        if (System.getenv("FEEDBACK_DLQ_KEY") != null) {
          settings.put("feedback.dlq.key", System.getenv("FEEDBACK_DLQ_KEY"));
        }
        config = ConfigLoader.fromProperties(settings);
        if (config.dlqKey().isEmpty()) {
          config = config.withDlqKey(DeadLetterKey.ephemeral());
          out.println("Dead letters are sealed under an ephemeral key (id " + config.dlqKey().get().id()
              + ") that dies with this process; set FEEDBACK_DLQ_KEY to keep them replayable.");
        }
        applyDemoOwnership(config, out);
        out.println("Training the classifier on the bundled taxonomy...");
        out.flush();
        app = FeedbackApp.start(config, Classifiers.forConfig(config));
        parts.add(0, app);
        String base = app.baseUrl();
        out.println();
        out.println("feedback-router demo");
        out.println("  broker        " + broker.bootstrapServers() + "   (data in " + broker.dataDirectory() + ")");
        out.println("  metrics       " + base + "/metrics");
        out.println("  health        " + base + "/health/live   " + base + "/health/ready");
        out.println("  API           " + base + "/api/departments/finance/tasks?status=open   " + base + "/api/tasks/{taskId}");
        out.println("  log           " + log.file() + (dataDir == null ? "   (removed on exit; --data-dir keeps it)" : ""));
        out.println(access.tokenLine());
        out.println("  Ctrl-C stops everything.");
        out.println();
        out.flush();
        if (!app.service().awaitRunning(Duration.ofSeconds(60))) {
          out.println("Kafka Streams is not RUNNING after 60 s: state " + app.service().state());
          return 1;
        }
        out.println("Ready: Kafka Streams is RUNNING.");
        out.flush();
      }
      startSimulators(config, parts);
      MeterRegistry meters = app == null ? null : app.meters();
      long started = System.nanoTime();
      long deadline = durationSeconds == null ? Long.MAX_VALUE
          : started + TimeUnit.SECONDS.toNanos(durationSeconds);
      if (meters != null) {
        finalSummary.set(() -> {
          out.println();
          DemoSummary.atShutdown(meters, Duration.ofNanos(System.nanoTime() - started)).forEach(out::println);
          out.flush();
        });
        out.println(DemoSummary.header());
      }
      boolean offered = app == null;
      while (!stop.await(summaryEvery, TimeUnit.SECONDS)) {
        if (!offered) {
          String base = app.baseUrl();
          Optional<String> task = DemoAccess.taskToResolve(app.service().streams());
          task.ifPresent(id -> access.curl(base, id).forEach(out::println));
          offered = task.isPresent();
        }
        if (meters != null) {
          out.println(DemoSummary.line(meters, LocalTime.now()));
          out.flush();
        }
        if (System.nanoTime() >= deadline) {
          break;
        }
      }
      finalSummary.getAndSet(() -> { }).run();
      return 0;
    } finally {
      closeAll(parts);
      if (stop.getCount() > 0) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
  }

  /** The first option out of range, said in one line, or null. */
  String invalidOption() {
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      return "--rate: must be 0 or more feedback per second, was " + rate;
    }
    if (summaryEvery < 1) {
      return "--summary-every: must be at least 1 second, was " + summaryEvery;
    }
    if (durationSeconds != null && durationSeconds < 1) {
      return "--duration: must be at least 1 second, was " + durationSeconds;
    }
    if (httpPort < 0 || httpPort > 65535) {
      return "--http-port: must be 0 to 65535, was " + httpPort;
    }
    return null;
  }

  private static void applyDemoOwnership(FeedbackConfig config, PrintWriter out) throws Exception {
    Topics topics = Topics.create(config.topicPrefix(),
        SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
    Map<String, Object> clients = KafkaClients.config(config);
    Map<String, AreaOwnership> model = DemoModel.ownership();
    try (Admin admin = Admin.create(clients)) {
      TopicAdmin topicAdmin = new TopicAdmin(admin, topics, config.topicPartitions(),
          config.departmentTopicPartitions(), config.replicationFactor());
      topicAdmin.ensureCoreTopics();
      java.util.Set<String> departments = OwnershipFile.departmentsOf(model.values());
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

  private void startSimulators(FeedbackConfig config, List<AutoCloseable> parts) {
    Topics topics = Topics.create(config.topicPrefix(),
        SchemaRegistryClients.create(RegistryConfig.fromMap(config.registry())), true);
    Map<String, Object> clients = KafkaClients.config(config);
    Properties producerProps = new Properties();
    producerProps.putAll(clients);
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    KafkaProducer<String, FeedbackReceived> feedback = new KafkaProducer<>(producerProps,
        new StringSerializer(), topics.feedbackReceived().valueSerde().serializer());
    parts.add(0, feedback);
    if (rate > 0) {
      parts.add(0, new FeedbackSimulator(feedback, topics.feedbackReceived().name(), rate,
          Duration.ofMinutes(3), 45, System.nanoTime()).start());
    }
    if (departments == Departments.off) {
      return;
    }

    KafkaProducer<String, TaskEvent> events = new KafkaProducer<>(producerProps,
        new StringSerializer(), topics.taskEvents().valueSerde().serializer());
    parts.add(0, events);
    Properties consumerProps = new Properties();
    consumerProps.putAll(clients);
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "feedback-router-demo-departments");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    KafkaConsumer<String, Task> tasks = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
        topics.taskSerde().deserializer());
    // The demo clock makes a day last a minute: departments take seconds, late ones longer.
    parts.add(0, new DepartmentSimulator(tasks, events,
        Pattern.compile(Pattern.quote(config.topicPrefix() + Topics.TASKS) + ".*"),
        topics.taskEvents().name(), Duration.ofSeconds(6), System.nanoTime()).start());
  }

  /**
   * Kafka's logs go to a file: in the data directory, or in a temporary directory removed on exit.
   * Closed last (it is appended after every other part), so the shutdown is logged too.
   */
  private DemoLog quietConsole(List<AutoCloseable> parts) throws java.io.IOException {
    Path dir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("feedback-router-demo-");
    DemoLog log = DemoLog.to(dir.resolve("feedback-router.log"));
    parts.add(log);
    if (dataDir == null) {
      parts.add(() -> org.apache.kafka.common.utils.Utils.delete(dir.toFile()));
    }
    return log;
  }

  private static void closeAll(List<AutoCloseable> parts) {
    synchronized (parts) {
      for (AutoCloseable part : parts) {
        try {
          part.close();
        } catch (Exception e) {
          // Shutting down: keep closing the rest.
          org.slf4j.LoggerFactory.getLogger(DemoCommand.class).warn("Closing {} failed", part, e);
        }
      }
      parts.clear();
    }
  }
}
