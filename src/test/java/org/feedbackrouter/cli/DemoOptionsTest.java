package org.feedbackrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.feedbackrouter.testkit.CliRun;
import org.junit.jupiter.api.Test;

/** The demo refuses options out of range at once, before starting anything. */
class DemoOptionsTest {

  @Test
  void aNegativeRateIsRefusedInOneLine() {
    CliRun r = CliRun.of("demo", "--rate", "-5");
    assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_SETTINGS);
    assertThat(r.err().strip()).isEqualTo("--rate: must be 0 or more feedback per second, was -5.0");
    assertThat(CliRun.of("demo", "--rate", "NaN").exit()).isEqualTo(Main.EXIT_BAD_SETTINGS);
    assertThat(CliRun.of("demo", "--summary-every", "0").err()).contains("--summary-every: must be at least 1 second");
    assertThat(CliRun.of("demo", "--duration", "-1").err()).contains("--duration: must be at least 1 second");
  }

  @Test
  void departmentsAreSimulatedOrOff() {
    CliRun r = CliRun.of("demo", "--departments", "sometimes");
    assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_SETTINGS);
    assertThat(r.err()).contains("--departments", "simulated, off");
    assertThat(CliRun.of("demo", "--help").out()).contains("--departments=simulated|off");
  }

  @Test
  void aTakenPortIsRefusedInOneLineNamingItsOption() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      CliRun r = CliRun.of("demo", "--kafka-port", "0", "--http-port", "0", "--registry-port", Integer.toString(port));
      assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_SETTINGS);
      assertThat(r.err().strip()).isEqualTo("--registry-port: port " + port + " on 127.0.0.1 is in use (another"
          + " demo?); choose another with --registry-port PORT, or --registry-port 0 for a free one");
      assertThat(CliRun.of("demo", "--kafka-port", Integer.toString(port)).err()).startsWith("--kafka-port: port ");
    }
    assertThat(CliRun.of("demo", "--kafka-port", "70000").err().strip())
        .isEqualTo("--kafka-port: must be 0 to 65535, was 70000");
    assertThat(CliRun.of("demo", "--help").out()).contains("--kafka-port=PORT", "--registry-port=PORT");
  }
}
