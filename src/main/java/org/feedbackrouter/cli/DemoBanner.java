package org.feedbackrouter.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the demo prints once it runs: where everything is, and commands that can be pasted as they stand to feed
 * it and watch it from another terminal.
 */
final class DemoBanner {
  private DemoBanner() {}

  /** Where the demo's parts are. {@code dataDir} null: everything is removed on exit. */
  record Addresses(String bootstrapServers, Path brokerData, String registryUrl, Path registryFile,
      String apiBase, Path log, Path dataDir) {}

  static void print(PrintWriter out, Addresses at, String tokenLine) {
    lines(at, tokenLine, launcher()).forEach(out::println);
    out.flush();
  }

  static List<String> lines(Addresses at, String tokenLine, String launcher) {
    boolean kept = at.dataDir() != null;
    String connect = " --bootstrap-servers " + at.bootstrapServers() + " --registry-url " + at.registryUrl();
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("feedback-router demo");
    lines.add("  broker        " + at.bootstrapServers() + "   (data in " + at.brokerData() + ")");
    lines.add("  registry      " + at.registryUrl() + "   (Confluent API; "
        + (kept ? "schemas kept in " + at.registryFile() : "schemas in memory") + ")");
    lines.add("  metrics       " + at.apiBase() + "/metrics");
    lines.add("  health        " + at.apiBase() + "/health/live   " + at.apiBase() + "/health/ready");
    lines.add("  API           " + at.apiBase() + "/api/departments/finance/tasks?status=open   "
        + at.apiBase() + "/api/tasks/{taskId}");
    lines.add("  log           " + at.log() + (kept ? "" : "   (removed on exit; --data-dir keeps it)"));
    lines.add(tokenLine);
    lines.add("  produce       " + launcher + " produce FILE.jsonl" + connect);
    lines.add("  tail          " + launcher + " tail --tasks finance --from-beginning" + connect);
    lines.add("  Ctrl-C stops everything" + (kept
        ? "; the same --data-dir resumes with the same topics, schemas and tasks."
        : "; --data-dir DIR keeps topics, schemas and tasks for the next start."));
    lines.add("");
    return lines;
  }

  /** How this program was started: {@code java -jar} with the jar's path as short as it can be said. */
  static String launcher() {
    try {
      Path code = Path.of(DemoBanner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(code) && code.toString().endsWith(".jar")) {
        Path here = Path.of("").toAbsolutePath();
        Path jar = code.toAbsolutePath();
        return "java -jar " + (jar.startsWith(here) ? here.relativize(jar) : jar);
      }
    } catch (URISyntaxException | RuntimeException e) {
      // No code source to name (a class path run from an IDE or a test): name the README's jar.
    }
    return "java -jar target/feedback-router.jar";
  }
}
