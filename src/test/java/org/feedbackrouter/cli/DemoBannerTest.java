package org.feedbackrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The banner names where everything is and gives commands that run as pasted. */
class DemoBannerTest {

  @Test
  void givesTheAddressesAndPasteReadyCommands() {
    Path data = Path.of("/data/demo");
    List<String> lines = DemoBanner.lines(new DemoBanner.Addresses("127.0.0.1:9092", data.resolve("kafka"),
        "http://127.0.0.1:8081", data.resolve("registry/schemas.json"), "http://localhost:8080",
        data.resolve("feedback-router.log"), data), "  API tokens    from FEEDBACK_API_TOKENS", "java -jar x.jar");

    assertThat(lines).contains(
        "  broker        127.0.0.1:9092   (data in /data/demo/kafka)",
        "  registry      http://127.0.0.1:8081   (Confluent API; schemas kept in /data/demo/registry/schemas.json)",
        "  produce       java -jar x.jar produce FILE.jsonl --bootstrap-servers 127.0.0.1:9092"
            + " --registry-url http://127.0.0.1:8081",
        "  tail          java -jar x.jar tail --tasks finance --from-beginning --bootstrap-servers 127.0.0.1:9092"
            + " --registry-url http://127.0.0.1:8081",
        "  API tokens    from FEEDBACK_API_TOKENS");
    assertThat(lines).anyMatch(l -> l.contains("the same --data-dir resumes"));
  }

  @Test
  void withoutADataDirectorySaysWhatIsLostOnExit() {
    List<String> lines = DemoBanner.lines(new DemoBanner.Addresses("127.0.0.1:41000", Path.of("/tmp/k"),
        "http://127.0.0.1:41001", null, "http://localhost:41002", Path.of("/tmp/l/feedback-router.log"), null),
        "  API tokens    t", DemoBanner.launcher());

    assertThat(lines).contains("  registry      http://127.0.0.1:41001   (Confluent API; schemas in memory)");
    assertThat(lines).anyMatch(l -> l.contains("(removed on exit; --data-dir keeps it)"));
    // Tests run from target/classes, not a jar: the README's jar is named.
    assertThat(lines).anyMatch(l -> l.startsWith("  produce       java -jar target/feedback-router.jar produce "));
  }
}
