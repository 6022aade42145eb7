package org.feedbackrouter.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressWatchTest {
  private final ProgressWatch watch = new ProgressWatch(Duration.ofSeconds(30), 0);

  @Test
  void idleIsNotStalledHoweverLongNothingCommits() {
    assertThat(watch.stalled(5, 0, 1_000)).isFalse();
    assertThat(watch.stalled(5, 0, 3_600_000)).isFalse();
  }

  @Test
  void inputWaitingWithoutCommitsStallsAfterTheLimitCountedFromWhenItStartedWaiting() {
    assertThat(watch.stalled(5, 0, 1_000)).isFalse();
    // Input arrives after an hour of quiet: the hour without commits does not count.
    assertThat(watch.stalled(5, 12, 3_600_000)).isFalse();
    assertThat(watch.stalled(5, 12, 3_620_000)).isFalse();
    assertThat(watch.stalled(5, 12, 3_631_000)).isTrue();
    // Fetches stop answering (an outage): the last known lag stands.
    assertThat(watch.stalled(5, Double.NaN, 3_700_000)).isTrue();
    // A commit: ready again.
    assertThat(watch.stalled(6, 12, 3_701_000)).isFalse();
  }

  @Test
  void commitsUnderSteadyLagKeepItReady() {
    for (int i = 0; i < 100; i++) {
      assertThat(watch.stalled(i, 500, i * 10_000L)).isFalse();
    }
  }
}
