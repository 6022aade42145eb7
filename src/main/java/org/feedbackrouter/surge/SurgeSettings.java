package org.feedbackrouter.surge;

import java.time.Duration;

/**
 * How feedback is counted for surges: windows of {@code window} length advancing every
 * {@code advance} (15 and 5 minutes by default), and how fast the baseline follows. Each input
 * partition sends its counts to the detector every {@code flushInterval}.
 */
public record SurgeSettings(
    String countStore,
    Duration flushInterval,
    String stateStore,
    String ownershipStore,
    String fallbackDepartment,
    Duration window,
    Duration advance,
    double baselineWeight,
    Duration checkInterval) {

  public SurgeSettings {
    if (window.toMillis() % advance.toMillis() != 0) {
      throw new IllegalArgumentException("the surge window must be a whole number of advances");
    }
  }

  int bucketsPerWindow() {
    return (int) (window.toMillis() / advance.toMillis());
  }
}
