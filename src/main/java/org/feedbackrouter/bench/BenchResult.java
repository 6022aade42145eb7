package org.feedbackrouter.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The figures of one run; the JSON field names match the final line's keys. */
public record BenchResult(
    @JsonProperty("records") long records,
    @JsonProperty("partitions") int partitions,
    @JsonProperty("stream_threads") int threads,
    @JsonProperty("avg_text_chars") double avgTextChars,
    @JsonProperty("load_s") double loadSeconds,
    @JsonProperty("baseline_s") double baselineSeconds,
    @JsonProperty("baseline_per_s") double baselinePerS,
    @JsonProperty("router_s") double routerSeconds,
    @JsonProperty("throughput_per_s") double throughputPerS,
    @JsonProperty("router_drain_s") double routerDrainSeconds,
    @JsonProperty("ratio") double ratio,
    @JsonProperty("open_tasks") long openTasks,
    @JsonProperty("baseline_cpu_us_per_record") double baselineCpuUs,
    @JsonProperty("router_cpu_us_per_record") double routerCpuUs,
    @JsonProperty("cpu_ratio") double cpuRatio,
    @JsonProperty("latency_rate_per_s") Double latencyRatePerS,
    @JsonProperty("latency_sent") Long latencySent,
    @JsonProperty("latency_routed") Long latencyRouted,
    @JsonProperty("p50_ms") Long p50Ms,
    @JsonProperty("p99_ms") Long p99Ms,
    @JsonProperty("max_ms") Long maxMs,
    @JsonProperty("heap_mb") double heapMb,
    @JsonProperty("max_heap_mb") double maxHeapMb,
    @JsonProperty("rss_mb") double rssMb,
    @JsonProperty("broker") String broker) {

  /** The last line of the output, for scripts: {@code NA} where the latency phase was skipped. */
  public String line() {
    return String.format(Locale.ROOT, "throughput_per_s=%.0f baseline_per_s=%.0f ratio=%.3f p50_ms=%s p99_ms=%s heap_mb=%.0f",
        throughputPerS, baselinePerS, ratio, orNa(p50Ms), orNa(p99Ms), heapMb);
  }

  public String table() {
    StringBuilder t = new StringBuilder();
    row(t, "records", String.format(Locale.ROOT, "%,d (avg text %.0f chars), %d partitions, %d stream thread(s)",
        records, avgTextChars, partitions, threads));
    row(t, "broker", broker);
    row(t, "pre-load", String.format(Locale.ROOT, "%.1f s", loadSeconds));
    row(t, "passthrough", String.format(Locale.ROOT, "%,.0f records/s (%.1f s)", baselinePerS, baselineSeconds));
    row(t, "feedback-router", String.format(Locale.ROOT, "%,.0f records/s (%.1f s; internal topics drained at %.1f s)",
        throughputPerS, routerSeconds, routerDrainSeconds));
    row(t, "ratio", String.format(Locale.ROOT, "%.3f (target >= 0.5)", ratio));
    row(t, "process CPU/record", String.format(Locale.ROOT,
        "passthrough %.0f us, feedback-router %.0f us, ratio %.3f (passthrough / feedback-router)",
        baselineCpuUs, routerCpuUs, cpuRatio));
    if (p50Ms != null) {
      row(t, "latency input", String.format(Locale.ROOT, "%,.0f records/s (20%% of max), %,d sent, %,d routed",
          latencyRatePerS, latencySent, latencyRouted));
      row(t, "latency p50/p99/max", String.format(Locale.ROOT, "%d / %d / %d ms (target p99 <= 250)", p50Ms, p99Ms, maxMs));
    } else {
      row(t, "latency", "skipped");
    }
    row(t, "peak heap", String.format(Locale.ROOT, "%.0f MB of %.0f MB max (target <= 512), with %,d open tasks"
        + " in the task store", heapMb, maxHeapMb, openTasks));
    row(t, "peak RSS", String.format(Locale.ROOT, "%.0f MB (VmHWM)", rssMb));
    return t.toString();
  }

  public void writeJson(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
  }

  private static void row(StringBuilder t, String name, String value) {
    t.append(String.format(Locale.ROOT, "  %-20s %s%n", name, value));
  }

  private static String orNa(Long v) {
    return v == null ? "NA" : Long.toString(v);
  }
}
