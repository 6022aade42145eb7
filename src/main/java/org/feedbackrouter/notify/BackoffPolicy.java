package org.feedbackrouter.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next attempt: exponential backoff with "equal jitter" (half the
 * step fixed, half random), so retries from many records spread out yet never come back at once;
 * a {@code Retry-After} from the endpoint wins when it asks for longer.
 *
 * @param attempts attempts in all, the first included; then the record goes to the dead letters
 * @param initial the first step; step n is {@code initial * 2^(n-1)}, capped at {@code max}
 * @param max the longest step
 * @param retryAfterLimit a longer {@code Retry-After} gives up at once rather than hold the destination's queue
 */
public record BackoffPolicy(int attempts, Duration initial, Duration max, Duration retryAfterLimit) {

  public static final BackoffPolicy DEFAULT =
      new BackoffPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofHours(1));

  public BackoffPolicy {
    if (attempts < 1 || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("attempts >= 1 and 0 < initial <= max");
    }
  }

  /** The wait after failed attempt {@code attempt} (1-based), at least {@code retryAfter} when given. */
  public Duration delay(int attempt, Optional<Duration> retryAfter, RandomGenerator random) {
    long step = initial.toMillis() << Math.min(attempt - 1, 30);
    step = Math.min(step, max.toMillis());
    long half = step / 2;
    Duration jittered = Duration.ofMillis(half + random.nextLong(half + 1));
    return retryAfter.filter(r -> r.compareTo(jittered) > 0).orElse(jittered);
  }

  public boolean canRetry(int attemptsMade) {
    return attemptsMade < attempts;
  }

  /**
   * Parses {@code Retry-After}: delay-seconds or an HTTP date (RFC 9110 10.2.3). Anything else is
   * ignored, as if absent.
   */
  public static Optional<Duration> parseRetryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    try {
      Duration until = Duration.between(clock.instant(),
          ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      return Optional.of(until.isNegative() ? Duration.ZERO : until);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
