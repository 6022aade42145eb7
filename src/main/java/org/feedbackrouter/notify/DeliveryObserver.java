package org.feedbackrouter.notify;

import java.time.Duration;

/** Hears how deliveries go, for the metrics; called from delivery threads. */
public interface DeliveryObserver {
  DeliveryObserver NONE = new DeliveryObserver() {};

  /** Delivered; {@code took} runs from the first attempt to the success, retries included. */
  default void delivered(Destination destination, Duration took) {}

  /** An attempt failed and another will follow. */
  default void retrying(Destination destination, AttemptResult result) {}

  /** Given up: the record goes to the dead letters. */
  default void gaveUp(DeliveryOutcome outcome) {}
}
