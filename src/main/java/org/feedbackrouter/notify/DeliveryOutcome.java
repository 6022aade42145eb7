package org.feedbackrouter.notify;

/**
 * How one notification ended at one destination.
 *
 * @param reason null when delivered; otherwise {@code retries_exhausted}, {@code rejected} (an
 *     answer retrying cannot fix) or {@code retry_after_too_long}
 * @param detail the last status or error, for the dead letter's headers
 */
public record DeliveryOutcome(Destination destination, boolean delivered, int attempts, String reason,
    String detail) {

  public static final String RETRIES_EXHAUSTED = "retries_exhausted";
  public static final String REJECTED = "rejected";
  public static final String RETRY_AFTER_TOO_LONG = "retry_after_too_long";
}
