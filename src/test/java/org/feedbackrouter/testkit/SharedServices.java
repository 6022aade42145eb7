package org.feedbackrouter.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broker, registry and admin client of one test run; JUnit closes it when the run ends. */
final class SharedServices implements RealServices, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SharedServices.class);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaForTests kafka;
  private final ApicurioRegistry registry;
  private final Admin admin;

  private SharedServices(KafkaForTests kafka, ApicurioRegistry registry, Admin admin) {
    this.kafka = kafka;
    this.registry = registry;
    this.admin = admin;
  }

  static SharedServices start() {
    long startedAt = System.nanoTime();
    // Fails at once, before the broker starts, when the build did not unpack the registry.
    ApicurioRegistry.runnerJarFromBuild();
    // The registry is a separate process: let it boot while the broker starts.
    CompletableFuture<ApicurioRegistry> registry =
        CompletableFuture.supplyAsync(ApicurioRegistry::launchFromBuild, task -> daemon("apicurio-launch", task));
    KafkaForTests kafka;
    try {
      kafka = KafkaForTests.start();
    } catch (RuntimeException e) {
      registry.thenAccept(ApicurioRegistry::close);
      throw e;
    }
    try {
      ApicurioRegistry started = registry.join();
      Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
      LOG.info("Real services ready in {} ms: Kafka {}, registry {}",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), kafka.bootstrapServers(), started.url());
      return new SharedServices(kafka, started, admin);
    } catch (RuntimeException e) {
      registry.thenAccept(ApicurioRegistry::close);
      kafka.close();
      throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  @Override
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public String registryUrl() {
    return registry.url();
  }

  @Override
  public void createTopics(int partitions, String... names) {
    createTopics(admin, partitions, names);
  }

  /** Creates the topics with the cluster's default replication factor and waits until the controller accepted them. */
  static void createTopics(Admin admin, int partitions, String... names) {
    List<NewTopic> topics = Arrays.stream(names)
        .map(name -> new NewTopic(name, Optional.of(partitions), Optional.empty()))
        .toList();
    try {
      admin.createTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot create topics " + Arrays.toString(names), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics " + Arrays.toString(names), e);
    }
  }

  @Override
  public Admin admin() {
    return admin;
  }

  @Override
  public ApicurioRegistry registry() {
    return registry;
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(10));
    registry.close();
    kafka.close();
    LOG.info("Real services stopped");
  }
}
