package org.feedbackrouter.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.BrokerServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNode;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (one combined broker and controller) running inside this JVM.
 * It is the broker of the {@code demo} command and of the integration tests when no other cluster is available.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
  /** The clients' listener, named apart from the testkit's own ("EXTERNAL"), which it binds to a random port. */
  public static final String CLIENT_LISTENER = "CLIENT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final KafkaClusterTestKit cluster;
  private final String bootstrapServers;
  private final Path baseDirectory;
  private final boolean temporary;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(KafkaClusterTestKit cluster, String bootstrapServers, Path baseDirectory, boolean temporary) {
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
    this.baseDirectory = baseDirectory;
    this.temporary = temporary;
  }

  /**
   * Starts a broker and waits until it accepts clients.
   *
   * @param dataDir where logs and metadata live; a directory formatted by an earlier run is reused with its data.
   *                Empty means a temporary directory that {@link #close()} deletes.
   * @param extraBrokerProps broker settings that override the defaults below
   */
  public static EmbeddedKafkaBroker start(Optional<Path> dataDir, Map<String, String> extraBrokerProps) {
    return start(dataDir, 0, extraBrokerProps);
  }

  /**
   * Starts a broker whose clients' listener is 127.0.0.1:{@code port} (0 picks a free port) and waits until
   * it accepts clients.
   */
  public static EmbeddedKafkaBroker start(Optional<Path> dataDir, int port, Map<String, String> extraBrokerProps) {
    boolean temporary = dataDir.isEmpty();
    Path base = dataDir.map(Path::toAbsolutePath).orElseGet(EmbeddedKafkaBroker::createTempDirectory);
    long startedAt = System.nanoTime();
    KafkaClusterTestKit cluster = null;
    try {
      Files.createDirectories(base);
      TestKitNodes nodes = nodes(base, Optional.empty());
      Optional<String> existingClusterId = formattedClusterId(metadataDirectory(nodes));
      if (existingClusterId.isPresent()) {
        nodes = nodes(base, existingClusterId);
      }
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(temporary);
      brokerProps(port, extraBrokerProps).forEach(builder::setConfigProp);
      cluster = builder.build();
      startAndAwaitReady(cluster, existingClusterId.isEmpty());
      String bootstrap = bootstrapServers(cluster);
      LOG.info("Embedded Kafka broker ready at {} in {} ms (data in {}{})", bootstrap,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), base,
          existingClusterId.map(id -> ", reused cluster " + id).orElse(""));
      return new EmbeddedKafkaBroker(cluster, bootstrap, base, temporary);
    } catch (Exception e) {
      if (cluster != null) {
        stopWithin(cluster, base.toString());
      }
      if (temporary) {
        deleteRecursively(base);
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Embedded Kafka broker did not start in " + base, e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Where the broker keeps its logs and metadata: the given data directory, or the temporary one. */
  public Path dataDirectory() {
    return baseDirectory;
  }

  /** Stops the broker within a bounded time; calling it again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (stopWithin(cluster, bootstrapServers)) {
      LOG.info("Embedded Kafka broker at {} stopped", bootstrapServers);
    }
    // The testkit deletes its directory itself, but not when shutdown fails or times out.
    if (temporary) {
      deleteRecursively(baseDirectory);
    }
  }

  private static TestKitNodes nodes(Path base, Optional<String> clusterId) {
    // Production feature levels: the testkit's default enables unstable metadata versions.
    Map<String, Short> features = new TreeMap<>();
    for (Feature feature : Feature.PRODUCTION_FEATURES) {
      features.put(feature.featureName(), feature.defaultLevel(MetadataVersion.latestProduction()));
    }
    TestKitNodes.Builder builder = new TestKitNodes.Builder(
        BootstrapMetadata.fromVersions(MetadataVersion.latestProduction(), features, "feedback-router embedded broker"))
        .setCombined(true)
        .setNumBrokerNodes(1)
        .setNumControllerNodes(1)
        .setBaseDirectory(base);
    clusterId.ifPresent(builder::setClusterId);
    return builder.build();
  }

  private static Map<String, Object> brokerProps(int port, Map<String, String> extra) {
    Map<String, Object> props = new HashMap<>();
    // The testkit pre-binds a random port for each listener it knows: the controller's (which it must know before
    // starting, for the quorum voters) and its broker listener, "EXTERNAL". The clients' listener has another name,
    // so the broker binds it itself, on 127.0.0.1 and the given port: a fixed port others can paste. The
    // testkit's unused EXTERNAL socket stays bound but never accepts, until close().
    props.put("listeners", CLIENT_LISTENER + "://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:0");
    props.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("inter.broker.listener.name", CLIENT_LISTENER);
    // One node: internal topics cannot have more replicas than that, or transactions and groups never start.
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    // The service creates its own topics; a typo in a topic name must fail, not create a topic.
    props.put("auto.create.topics.enable", "false");
    // One node has no one to hand leadership to: skipping controlled shutdown makes Ctrl-C quick.
    props.put("controlled.shutdown.enable", "false");
    props.put("unstable.api.versions.enable", "false");
    props.put("unstable.feature.versions.enable", "false");
    props.putAll(extra);
    return props;
  }

  private static void startAndAwaitReady(KafkaClusterTestKit cluster, boolean format) throws Exception {
    CompletableFuture<Void> startup = CompletableFuture.runAsync(() -> {
      try {
        if (format) {
          formatQuietly(cluster);
        }
        cluster.startup();
        cluster.waitForReadyBrokers();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, daemonExecutor("embedded-kafka-start"));
    try {
      startup.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof IllegalStateException && e.getCause().getCause() != null
          ? e.getCause().getCause() : e.getCause();
      throw cause instanceof Exception ex ? ex : new IllegalStateException(cause);
    }
  }

  /**
   * Kafka's storage formatter prints its metadata dump to System.out, which is the demo's console; the two lines
   * go to the log instead. System.out is swapped only while formatting a new directory, before any client runs.
   */
  private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      cluster.format();
    } finally {
      System.setOut(console);
      printed.toString(StandardCharsets.UTF_8).lines().forEach(line -> LOG.info("Storage formatter: {}", line));
    }
  }

  private static String bootstrapServers(KafkaClusterTestKit cluster) {
    BrokerServer broker = cluster.brokers().values().iterator().next();
    return "127.0.0.1:" + broker.boundPort(ListenerName.normalised(CLIENT_LISTENER));
  }

  private static Path metadataDirectory(TestKitNodes nodes) {
    TestKitNode controller = nodes.controllerNodes().values().iterator().next();
    return Path.of(controller.metadataDirectory());
  }

  /** The cluster id written by an earlier format of this directory, if any. */
  private static Optional<String> formattedClusterId(Path metadataDirectory) throws IOException {
    Path metaProperties = metadataDirectory.resolve("meta.properties");
    if (!Files.isRegularFile(metaProperties)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(metaProperties)) {
      properties.load(in);
    }
    return Optional.ofNullable(properties.getProperty("cluster.id"));
  }

  private static Executor daemonExecutor(String threadName) {
    return task -> {
      Thread thread = new Thread(task, threadName);
      thread.setDaemon(true);
      thread.start();
    };
  }

  /** Stops the cluster, giving up after {@link #CLOSE_TIMEOUT}: the testkit itself waits up to minutes. */
  private static boolean stopWithin(KafkaClusterTestKit cluster, String name) {
    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> closeQuietly(cluster), daemonExecutor("embedded-kafka-close"));
    try {
      shutdown.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      LOG.warn("Embedded Kafka broker {} did not stop within {}; leaving its threads behind", name, CLOSE_TIMEOUT);
    } catch (ExecutionException e) {
      LOG.warn("Embedded Kafka broker {} failed to stop cleanly", name, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private static void closeQuietly(KafkaClusterTestKit cluster) {
    try {
      cluster.close();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.warn("Embedded Kafka broker reported an error while stopping", e);
    }
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("feedback-router-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for the embedded Kafka broker", e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try {
      Utils.delete(directory.toFile());
    } catch (IOException e) {
      LOG.warn("Could not delete {}", directory, e);
    }
  }
}
