package org.feedbackrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.feedbackrouter.testkit.CliRun.of;

import java.nio.file.Files;
import java.nio.file.Path;
import org.feedbackrouter.testkit.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A notify list naming a variable nobody set stops apply and delivery before they connect anywhere. */
class NotifyCommandTest {
  private static final String UNSET = "FEEDBACK_ROUTER_TEST_NEVER_SET_URL";

  @TempDir Path dir;

  private Path file() throws Exception {
    Path file = dir.resolve("ownership.yaml");
    Files.writeString(file, """
        topics:
          billing: {owner: finance}
        departments:
          finance:
            notify:
              - {type: slack, url: env:%s}
              - {type: webhook, url: "https://hooks.example.org/f", secret: do-not-print-me}
        """.formatted(UNSET));
    return file;
  }

  @Test
  void applyReportsTheMissingVariableWithItsPathAndPublishesNothing() throws Exception {
    assertThat(System.getenv(UNSET)).isNull();
    Path file = file();
    CliRun r = of("ownership", "apply", "--dry-run", file.toString(), "--bootstrap-servers", "localhost:1",
        "--registry-url", "mock://notify-test");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains(file + ": departments.finance.notify[0].url: environment variable " + UNSET
        + " is not set", file + ": departments.finance.notify[1].secret: secrets come from the environment only")
        .doesNotContain("do-not-print-me", "hooks.example.org");
  }

  @Test
  void notifyRefusesToStartWithExitCode2() throws Exception {
    Path file = file();
    CliRun r = of("notify", file.toString(), "--bootstrap-servers", "localhost:1", "--registry-url", "mock://notify-test");
    assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_SETTINGS);
    assertThat(r.err().lines()).contains("config: " + file + ": departments.finance.notify[0].url: environment"
        + " variable " + UNSET + " is not set");
    assertThat(r.err()).doesNotContain("do-not-print-me", "hooks.example.org", "\tat ");
  }

  @Test
  void notifyNeedsAFile() {
    CliRun r = of("notify", "--bootstrap-servers", "localhost:1", "--registry-url", "mock://notify-test");
    assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_SETTINGS);
    assertThat(r.err()).contains("give the ownership FILE or set FEEDBACK_NOTIFY_FILE");
  }
}
