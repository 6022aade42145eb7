package org.feedbackrouter.testkit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.feedbackrouter.embedded.EmbeddedKafkaBroker;

/**
 * A KRaft broker in this JVM whose client listener requires SASL/PLAIN and whose authorizer is
 * Kafka's {@link StandardAuthorizer}, with no access for anyone an ACL does not name. The users and
 * their (random) passwords live in the listener's JAAS setting; {@value #ADMIN} is the super user
 * that sets things up. The controller listener stays PLAINTEXT on 127.0.0.1 for the node's own
 * broker-to-controller traffic, whose principal (ANONYMOUS) is therefore a super user too: clients
 * are never given that port.
 */
public final class SaslKafkaBroker implements AutoCloseable {
  public static final String ADMIN = "admin";

  private final EmbeddedKafkaBroker broker;
  private final Map<String, String> passwords;

  private SaslKafkaBroker(EmbeddedKafkaBroker broker, Map<String, String> passwords) {
    this.broker = broker;
    this.passwords = passwords;
  }

  /** Starts the broker with {@value #ADMIN} and the given users, each with a fresh password. */
  public static SaslKafkaBroker start(List<String> users) {
    Map<String, String> passwords = new LinkedHashMap<>();
    passwords.put(ADMIN, UUID.randomUUID().toString());
    users.forEach(user -> passwords.put(user, UUID.randomUUID().toString()));
    StringBuilder jaas = new StringBuilder(plainLogin(ADMIN, passwords.get(ADMIN)));
    jaas.setLength(jaas.length() - 1);
    passwords.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
    jaas.append(';');
    Map<String, String> props = new HashMap<>();
    String client = EmbeddedKafkaBroker.CLIENT_LISTENER;
    props.put("listener.security.protocol.map", client + ":SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("sasl.enabled.mechanisms", "PLAIN");
    props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
    // The broker logs into its own listener as ADMIN (transaction markers go through it).
    props.put("listener.name." + client.toLowerCase(java.util.Locale.ROOT) + ".plain.sasl.jaas.config", jaas.toString());
    props.put("authorizer.class.name", StandardAuthorizer.class.getName());
    props.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
    props.put("allow.everyone.if.no.acl.found", "false");
    return new SaslKafkaBroker(EmbeddedKafkaBroker.start(Optional.empty(), props), passwords);
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Client settings that log in as {@code user}: what {@code KAFKA_*} variables would give. */
  public Map<String, Object> clientConfig(String user) {
    Map<String, Object> out = new HashMap<>(kafkaSettings(user));
    out.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return out;
  }

  /** The same as {@code kafka.*} settings without the bootstrap servers, e.g. for a FeedbackConfig. */
  public Map<String, String> kafkaSettings(String user) {
    return Map.of(
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
        SaslConfigs.SASL_MECHANISM, "PLAIN",
        SaslConfigs.SASL_JAAS_CONFIG, plainLogin(user, password(user)));
  }

  /** The password of {@code user}, to check that nothing prints it. */
  public String password(String user) {
    String password = passwords.get(user);
    if (password == null) {
      throw new IllegalArgumentException("no user " + user);
    }
    return password;
  }

  private static String plainLogin(String user, String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
        + "\" password=\"" + password + "\";";
  }

  @Override
  public void close() {
    broker.close();
  }
}
