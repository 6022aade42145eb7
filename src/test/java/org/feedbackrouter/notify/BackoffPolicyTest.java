package org.feedbackrouter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {
  private final BackoffPolicy policy =
      new BackoffPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(5));

  @Test
  void stepsDoubleWithJitterInTheUpperHalfAndStopAtTheCap() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      assertThat(policy.delay(1, Optional.empty(), random)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
      assertThat(policy.delay(3, Optional.empty(), random)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
      assertThat(policy.delay(10, Optional.empty(), random)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
  }

  @Test
  void jitterSpreadsTheDelays() {
    SplittableRandom random = new SplittableRandom(11);
    long distinct = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> policy.delay(4, Optional.empty(), random)).distinct().count();
    assertThat(distinct).isGreaterThan(40);
  }

  @Test
  void aLongerRetryAfterWinsAShorterOneDoesNot() {
    SplittableRandom random = new SplittableRandom(3);
    assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(30)), random)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delay(4, Optional.of(Duration.ofMillis(1)), random)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void countsAttemptsTheFirstIncluded() {
    assertThat(policy.canRetry(4)).isTrue();
    assertThat(policy.canRetry(5)).isFalse();
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    assertThat(BackoffPolicy.parseRetryAfter("120", clock)).contains(Duration.ofMinutes(2));
    assertThat(BackoffPolicy.parseRetryAfter("Sun, 01 Mar 2026 10:00:45 GMT", clock)).contains(Duration.ofSeconds(45));
    assertThat(BackoffPolicy.parseRetryAfter("Sun, 01 Mar 2026 09:00:00 GMT", clock)).contains(Duration.ZERO);
    assertThat(BackoffPolicy.parseRetryAfter("soon", clock)).isEmpty();
    assertThat(BackoffPolicy.parseRetryAfter("-5", clock)).isEmpty();
    assertThat(BackoffPolicy.parseRetryAfter(null, clock)).isEmpty();
  }
}
