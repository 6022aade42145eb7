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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.dlq.DeadLetterKey;
import org.feedbackrouter.embedded.EmbeddedKafkaBroker;
import org.feedbackrouter.registry.SchemaRegistryServer;
import org.feedbackrouter.service.FeedbackApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: broker, registry, processor, sample model and simulators in one process. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Run everything in one process: a real single-node Kafka broker (KRaft) in the JVM, a"
            + " Confluent-compatible schema registry, the processor, the bundled bilingual taxonomy, a sample ownership model of"
            + " 12 departments on a demo clock (a day of SLA lasts a minute), a feedback simulator and"
            + " simulated departments that acknowledge and resolve tasks, some late.",
        "Prints the broker's address, the registry's URL, the URLs of /metrics, the health endpoints and the"
            + " API, and produce and tail commands to paste, then a summary line every few seconds. Ctrl-C stops"
            + " everything.",
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

  @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT",
      description = "Port of the broker on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--registry-port", defaultValue = "8081", paramLabel = "PORT",
      description = "Port of the Confluent-compatible schema registry on 127.0.0.1; 0 picks a free one"
          + " (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Keep the broker's data, the registry's schemas and the state stores here: the same"
          + " directory resumes where the last run stopped (default: a temporary directory, removed on exit).")
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
        out.println("feedback-router demo: starting a Kafka broker, a schema registry, the processor and the"
            + " simulators (Kafka's logs: " + log.file() + ")");
        out.flush();
        Optional<Path> registryFile = Optional.ofNullable(dataDir)
            .map(d -> d.toAbsolutePath().resolve("registry").resolve("schemas.json"));
        SchemaRegistryServer registry;
        try {
          registry = SchemaRegistryServer.start(registryPort, registryFile);
        } catch (java.net.BindException e) {
          // Taken between the check and now.
          spec.commandLine().getErr().println(DemoPorts.problem("--registry-port", registryPort, true));
          spec.commandLine().getErr().flush();
          return Main.EXIT_BAD_SETTINGS;
        }
        parts.add(0, registry);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
            Optional.ofNullable(dataDir).map(d -> d.resolve("kafka")), kafkaPort, Map.of());
        parts.add(0, broker);
        config = demoConfig(broker, registry.url(), access, out);
        DemoOwnership.apply(config, out);
        out.println("Training the classifier on the bundled taxonomy...");
        out.flush();
        app = FeedbackApp.start(config, Classifiers.forConfig(config));
        parts.add(0, app);
        DemoBanner.print(out, new DemoBanner.Addresses(broker.bootstrapServers(), broker.dataDirectory(),
            registry.url(), registryFile.orElse(null), app.baseUrl(), log.file(), dataDir), access.tokenLine());
        if (!app.service().awaitRunning(Duration.ofSeconds(60))) {
          out.println("Kafka Streams is not RUNNING after 60 s: state " + app.service().state());
          return 1;
        }
        out.println("Ready: Kafka Streams is RUNNING.");
        out.flush();
      }
      DemoSimulators.start(config, rate, departments == Departments.simulated, parts);
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
      // The broker's own stop line is in the log file; the console says that everything is down.
      out.println(dataDir == null ? "Stopped: broker, registry and processor closed; temporary data removed."
          : "Stopped: broker, registry and processor closed; data kept in " + dataDir + ".");
      out.flush();
      if (stop.getCount() > 0) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
  }

  private FeedbackConfig demoConfig(EmbeddedKafkaBroker broker, String registryUrl, DemoAccess access,
      PrintWriter out) {
    Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap.servers", broker.bootstrapServers());
    // The processor reaches the registry over HTTP like any other client of the demo.
    settings.put("schema.registry.url", registryUrl);
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
    FeedbackConfig config = ConfigLoader.fromProperties(settings);
    if (config.dlqKey().isEmpty()) {
      config = config.withDlqKey(DeadLetterKey.ephemeral());
      out.println("Dead letters are sealed under an ephemeral key (id " + config.dlqKey().get().id()
          + ") that dies with this process; set FEEDBACK_DLQ_KEY to keep them replayable.");
    }
    return config;
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
    // --simulate-only serves nothing, so its ports need only be in range.
    return new DemoPorts(!simulateOnly).with("--kafka-port", kafkaPort).with("--registry-port", registryPort)
        .with("--http-port", httpPort).problem();
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
