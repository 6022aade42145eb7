package org.feedbackrouter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.feedbackrouter.bench.BenchOptions;
import org.feedbackrouter.bench.BenchResult;
import org.feedbackrouter.bench.BenchRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import org.feedbackrouter.classify.encoder.EncoderMode;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: end-to-end throughput, latency and memory on one machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
        "End-to-end benchmark: pre-loads feedback into feedback.received, measures a passthrough Kafka Streams"
            + " app (the machine's ceiling) and feedback-router on the same backlog with the same settings,"
            + " then routing latency at 20%% of feedback-router's maximum, and peak heap and RSS.",
        "Run the JVM with -Xmx512m for the memory target. Prints a table, then one line"
            + " throughput_per_s=... baseline_per_s=... ratio=... p50_ms=... p99_ms=... heap_mb=...,"
            + " and writes the same figures as JSON."})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--records", defaultValue = "500000", paramLabel = "N",
      description = "Feedback events pre-loaded (default: ${DEFAULT-VALUE}).")
  long records;

  @Option(names = "--warmup-records", defaultValue = "50000", paramLabel = "N",
      description = "Records of a first, unmeasured pass of both apps, so JIT compilation is not"
          + " charged to the measured one; 0 skips it (default: ${DEFAULT-VALUE}).")
  long warmupRecords;

  @Option(names = "--partitions", defaultValue = "6", paramLabel = "N",
      description = "Partitions of feedback.received and the other topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
      description = "Stream threads of both apps (default: ${DEFAULT-VALUE}, Kafka Streams' own default).")
  int threads;

  @Option(names = "--latency-seconds", defaultValue = "30", paramLabel = "SECONDS",
      description = "Duration of the fixed-rate latency phase (default: ${DEFAULT-VALUE}).")
  long latencySeconds;

  @Option(names = "--skip-latency", description = "Measure throughput and memory only.")
  boolean skipLatency;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "An existing cluster (default: a broker started in this JVM).")
  String bootstrapServers;

  @Option(names = "--registry-url", defaultValue = "mock://bench", paramLabel = "URL",
      description = "Schema registry (default: ${DEFAULT-VALUE}, in memory).")
  String registryUrl;

  @Option(names = "--kafka", paramLabel = "KEY=VALUE",
      description = "A Kafka Streams or client setting for both apps, e.g. producer.compression.type=none (repeatable).")
  Map<String, String> kafka = Map.of();

  @Option(names = "--output", defaultValue = "target/bench/result.json", paramLabel = "FILE",
      description = "Where the JSON result goes (default: ${DEFAULT-VALUE}).")
  Path output;

  @CommandLine.Mixin EncoderOptions encoder;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    BenchOptions options = new BenchOptions(records, warmupRecords, partitions, threads, skipLatency ? 0 : latencySeconds,
        Optional.ofNullable(bootstrapServers), registryUrl, kafka, output);
    out.printf("JVM max heap %d MB%s%n", Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().maxMemory() > 512L << 20 ? " (the memory target assumes -Xmx512m)" : "");
    out.flush();
    BenchResult result = new BenchRun(options,
        () -> Classifiers.create(Optional.empty(), Optional.empty(), encoder.settings(EncoderMode.UNCERTAIN)), line -> {
      out.println(line);
      out.flush();
    }).run();
    result.writeJson(output);
    out.println();
    out.print(result.table());
    out.println("  result JSON          " + output.toAbsolutePath());
    out.println();
    out.println(result.line());
    out.flush();
    return 0;
  }
}
