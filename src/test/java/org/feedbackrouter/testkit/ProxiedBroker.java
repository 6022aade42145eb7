package org.feedbackrouter.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.feedbackrouter.embedded.EmbeddedKafkaBroker;

/**
 * A broker of one test's own that its clients reach only through a {@link TcpProxy}: the broker advertises the proxy's
 * address, so {@link #cutOff()} makes it unavailable to every client (and to the transaction markers it sends itself)
 * without losing any of its state, and {@link #reconnect()} ends the outage. Uses the shared registry.
 */
public final class ProxiedBroker implements RealServices, AutoCloseable {

  private final TcpProxy proxy;
  private final EmbeddedKafkaBroker broker;
  private final ApicurioRegistry registry;
  private final Admin admin;

  private ProxiedBroker(TcpProxy proxy, EmbeddedKafkaBroker broker, ApicurioRegistry registry) {
    this.proxy = proxy;
    this.broker = broker;
    this.registry = registry;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Starts a broker with its data in {@code dataDir}, beside the registry of {@code shared}. */
  public static ProxiedBroker start(Path dataDir, RealServices shared) {
    TcpProxy proxy = TcpProxy.open();
    try {
      EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Optional.of(dataDir),
          Map.of("advertised.listeners", EmbeddedKafkaBroker.CLIENT_LISTENER + "://127.0.0.1:" + proxy.port()));
      proxy.forwardTo(broker.bootstrapServers());
      return new ProxiedBroker(proxy, broker, shared.registry());
    } catch (RuntimeException e) {
      proxy.close();
      throw e;
    }
  }

  /** Every client loses its connections and is refused new ones until {@link #reconnect()}. */
  public void cutOff() {
    proxy.cut();
  }

  public void reconnect() {
    proxy.restore();
  }

  @Override
  public String bootstrapServers() {
    return "127.0.0.1:" + proxy.port();
  }

  @Override
  public String registryUrl() {
    return registry.url();
  }

  @Override
  public void createTopics(int partitions, String... names) {
    SharedServices.createTopics(admin, partitions, names);
  }

  @Override
  public Admin admin() {
    return admin;
  }

  @Override
  public ApicurioRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    broker.close();
    proxy.close();
  }
}
