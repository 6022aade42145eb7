package org.feedbackrouter.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.feedbackrouter.config.ConfigLoader;
import org.feedbackrouter.config.FeedbackConfig;
import picocli.CommandLine.Option;

/** Options shared by the commands that talk to a cluster; they override the file and environment. */
final class ConnectionOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties or YAML file with feedback.*, kafka.* and schema.registry.* settings.")
  Path configFile;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = "--registry-url", paramLabel = "URL",
      description = "Schema Registry URL, or mock://scope (default: SCHEMA_REGISTRY_URL).")
  String registryUrl;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX",
      description = "Prefix before every topic name (default: FEEDBACK_TOPIC_PREFIX or none).")
  String topicPrefix;

  FeedbackConfig load(Map<String, String> env) {
    Map<String, String> layered = new HashMap<>(env);
    if (bootstrapServers != null) {
      layered.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    }
    if (registryUrl != null) {
      layered.put("SCHEMA_REGISTRY_URL", registryUrl);
    }
    if (topicPrefix != null) {
      layered.put("FEEDBACK_TOPIC_PREFIX", topicPrefix);
    }
    return ConfigLoader.load(Optional.ofNullable(configFile), layered);
  }
}
