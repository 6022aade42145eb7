package org.feedbackrouter.ingest;

import java.time.Duration;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;

/** Checks what the schema cannot: required text present, sizes and score ranges, a sane receipt time. */
public final class FeedbackValidator {
  private final int maxTextLength;
  private final long maxFutureSkewMs;

  public FeedbackValidator(int maxTextLength, Duration maxFutureSkew) {
    this.maxTextLength = maxTextLength;
    this.maxFutureSkewMs = maxFutureSkew.toMillis();
  }

  /** Throws {@link RejectedRecordException} naming the first problem found. */
  public void validate(FeedbackReceived f, long nowMs) {
    if (f.getId() == null || f.getId().isBlank()) {
      throw new RejectedRecordException(RejectReason.MISSING_FIELD, "feedback id is blank");
    }
    if (f.getText() == null || f.getText().isBlank()) {
      throw new RejectedRecordException(RejectReason.MISSING_FIELD, "text is blank");
    }
    if (f.getReceivedAt() == null) {
      throw new RejectedRecordException(RejectReason.MISSING_FIELD, "receivedAt is missing");
    }
    if (f.getText().length() > maxTextLength) {
      throw new RejectedRecordException(RejectReason.TEXT_TOO_LONG,
          "text has " + f.getText().length() + " characters, limit " + maxTextLength);
    }
    Scores s = f.getScores();
    if (s != null) {
      range("nps", s.getNps(), 0, 10);
      range("csat", s.getCsat(), 1, 5);
      range("ces", s.getCes(), 1, 7);
    }
    long ahead = f.getReceivedAt().toEpochMilli() - nowMs;
    if (ahead > maxFutureSkewMs) {
      throw new RejectedRecordException(RejectReason.FUTURE_TIMESTAMP,
          "receivedAt " + f.getReceivedAt() + " is " + Duration.ofMillis(ahead) + " in the future");
    }
  }

  private static void range(String name, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw new RejectedRecordException(RejectReason.SCORE_OUT_OF_RANGE,
          name + " " + value + " is outside " + min + "-" + max);
    }
  }
}
