package org.feedbackrouter.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.feedbackrouter.embedded.EmbeddedKafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Kafka cluster of a test run: an existing cluster named by {@code -Dkafka.bootstrap.servers}, else a Testcontainers
 * broker when a Docker engine is reachable, else a KRaft broker inside the test JVM.
 */
final class KafkaForTests implements AutoCloseable {

  static final String BOOTSTRAP_PROPERTY = "kafka.bootstrap.servers";
  static final String IMAGE = "apache/kafka:4.1.0";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaForTests.class);
  // Testcontainers probes several Docker locations; a DOCKER_HOST pointing nowhere can hang on a TCP connect.
  private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(20);

  private final String bootstrapServers;
  private final AutoCloseable owned;

  private KafkaForTests(String bootstrapServers, AutoCloseable owned) {
    this.bootstrapServers = bootstrapServers;
    this.owned = owned;
  }

  static KafkaForTests start() {
    String external = System.getProperty(BOOTSTRAP_PROPERTY, "").trim();
    if (!external.isEmpty()) {
      LOG.info("Kafka for tests: external cluster {} (from -D{})", external, BOOTSTRAP_PROPERTY);
      return new KafkaForTests(external, () -> { });
    }
    if (dockerAvailable()) {
      KafkaContainer container = new KafkaContainer(DockerImageName.parse(IMAGE))
          // Same as the embedded broker and production: the service creates its topics.
          .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
      container.start();
      LOG.info("Kafka for tests: Testcontainers {} at {}", IMAGE, container.getBootstrapServers());
      return new KafkaForTests(container.getBootstrapServers(), container::stop);
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Optional.empty(), Map.of());
    LOG.info("Kafka for tests: in-JVM KRaft broker at {}", broker.bootstrapServers());
    return new KafkaForTests(broker.bootstrapServers(), broker);
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    try {
      owned.close();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.warn("Kafka for tests did not stop cleanly", e);
    }
  }

  private static boolean dockerAvailable() {
    CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(() -> {
      try {
        return DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        LOG.debug("Docker probe failed", e);
        return false;
      }
    }, task -> {
      Thread thread = new Thread(task, "docker-probe");
      thread.setDaemon(true);
      thread.start();
    });
    try {
      boolean available = probe.get(DOCKER_PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!available) {
        LOG.info("No Docker engine for Testcontainers (an ERROR from its probe above is expected then)");
      }
      return available;
    } catch (Exception e) {
      probe.cancel(true);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.info("No Docker engine for Testcontainers: the probe did not answer within {}", DOCKER_PROBE_TIMEOUT);
      return false;
    }
  }
}
