package org.feedbackrouter.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/** Settings for the plain Kafka clients the commands use, from the same layers as the service's. */
public final class KafkaClients {
  private KafkaClients() {}

  public static Map<String, Object> config(FeedbackConfig config) {
    Map<String, Object> out = new HashMap<>(config.kafka());
    out.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    return out;
  }
}
