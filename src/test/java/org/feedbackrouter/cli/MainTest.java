package org.feedbackrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.feedbackrouter.testkit.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void everyCommandExplainsItsOptions() {
    for (String[] command : new String[][] {{"run"}, {"demo"}, {"produce"}, {"ownership", "apply"}, {"notify"},
        {"taxonomy", "evaluate"}}) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      CliRun r = run(args);
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains("Usage:", "--help");
    }
    assertThat(run("demo", "--help").out()).contains("--rate", "--data-dir", "--simulate-only");
    assertThat(run("--help").out()).contains("run", "demo", "produce", "ownership", "taxonomy");
  }

  @Test
  void badSettingsFailFastWithOneLineEachAndExitCode2() throws Exception {
    Path config = dir.resolve("bad.properties");
    Files.writeString(config, "feedback.http.port=eighty\nfeedback.colour=blue\nkafka.ssl.key.password=x\n");
    CliRun r = run("run", "--config", config.toString());
    assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_SETTINGS);
    assertThat(r.err().lines().filter(l -> l.startsWith("config: ")).toList()).hasSizeGreaterThanOrEqualTo(1)
        .anySatisfy(l -> assertThat(l).contains("kafka.ssl.key.password").contains("KAFKA_SSL_KEY_PASSWORD"));
    assertThat(r.err()).doesNotContain("\tat ");

    Files.writeString(config, "feedback.http.port=eighty\nfeedback.colour=blue\n");
    CliRun bad = run("run", "--config", config.toString(), "--bootstrap-servers", "localhost:1",
        "--registry-url", "mock://x");
    assertThat(bad.exit()).isEqualTo(Main.EXIT_BAD_SETTINGS);
    assertThat(bad.err()).contains("config: setting feedback.http.port='eighty' is invalid",
        "config: unknown setting 'feedback.colour'");
  }

  @Test
  void anInvalidOwnershipFileIsRejectedWithPathsBeforeAnyConnection() throws Exception {
    Path file = dir.resolve("own.yaml");
    Files.writeString(file, "topics:\n  billing:\n    supporting: [x]\n");
    CliRun r = run("ownership", "apply", file.toString(), "--bootstrap-servers", "localhost:1", "--registry-url", "mock://x");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("own.yaml: topics.billing.owner: required", "nothing was published");
  }

  @Test
  void aGuaranteeInAFileExitsWithOneLine() throws Exception {
    Path config = dir.resolve("weak.properties");
    Files.writeString(config, "kafka.processing.guarantee=at_least_once\n");
    CliRun r = run("run", "--config", config.toString(), "--bootstrap-servers", "localhost:1",
        "--registry-url", "mock://x");
    assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_SETTINGS);
    assertThat(r.err().lines().toList()).singleElement().asString()
        .startsWith("config: setting kafka.processing.guarantee (KAFKA_PROCESSING_GUARANTEE) is refused");
  }

  @Test
  void runWithoutADeadLetterKeyRefusesToStartUnlessOriginalsAreNotKept() throws Exception {
    Path config = dir.resolve("nokey.properties");
    Files.writeString(config, "feedback.http.port=0\n");
    CliRun r = run("run", "--config", config.toString(), "--bootstrap-servers", "localhost:1", "--registry-url", "mock://x");
    assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_SETTINGS);
    assertThat(r.err().lines().toList()).singleElement().asString()
        .startsWith("config: FEEDBACK_DLQ_KEY is not set").contains("FEEDBACK_DLQ_STORE_ORIGINAL=false");
  }

  @Test
  void dlqReplayNeedsTheKeyTheDeadLettersWereSealedUnder() {
    assertThat(run("dlq", "replay", "--help").out()).contains("--reason", "--since", "--dry-run");
    CliRun r = run("dlq", "replay", "--dry-run", "--bootstrap-servers", "localhost:1", "--registry-url", "mock://x");
    assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_SETTINGS);
    assertThat(r.err().lines().toList()).singleElement().asString().startsWith("config: FEEDBACK_DLQ_KEY is not set");
  }
}
