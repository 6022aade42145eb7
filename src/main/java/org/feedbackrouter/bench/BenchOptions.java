package org.feedbackrouter.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What one benchmark run does.
 *
 * @param warmupRecords records of an unmeasured first pass of both apps; 0 skips it
 * @param bootstrapServers an existing cluster; empty starts a broker in this JVM
 * @param threads stream threads of both the passthrough baseline and feedback-router
 * @param latencySeconds how long the fixed-rate latency phase feeds input; 0 skips it
 * @param kafka Kafka Streams and client settings for both apps, on top of the service's defaults
 */
public record BenchOptions(
    long records,
    long warmupRecords,
    int partitions,
    int threads,
    long latencySeconds,
    Optional<String> bootstrapServers,
    String registryUrl,
    Map<String, String> kafka,
    Path resultFile) {

  public BenchOptions {
    if (records < 1 || warmupRecords < 0) {
      throw new IllegalArgumentException("records must be at least 1 and warm-up records at least 0");
    }
    if (partitions < 1 || threads < 1) {
      throw new IllegalArgumentException("partitions and threads must be at least 1");
    }
    kafka = Map.copyOf(kafka);
  }

  public boolean latency() {
    return latencySeconds > 0;
  }
}
