package org.feedbackrouter.service;

import java.time.Duration;

/**
 * Tells whether the processor is stuck: input has been waiting (lag above zero) for longer than
 * the allowed stall and no commit happened in that time. A broker outage, a registry that blocks
 * every lookup, or a stream thread that keeps failing all look like this, while Kafka Streams may
 * still say RUNNING. Fed with samples of two counters; plain Java, so it is tested on its own.
 */
public final class ProgressWatch {
  private final long maxStallMs;
  private double lastCommits = Double.NaN;
  private long lastProgressMs;
  private long waitingSinceMs = -1;
  private double lastLag;

  public ProgressWatch(Duration maxStall, long nowMs) {
    this.maxStallMs = maxStall.toMillis();
    this.lastProgressMs = nowMs;
  }

  /**
   * One sample: the total of commits so far, and the input lag (NaN when unknown, e.g. no fetch
   * answered lately: the last known lag stands then). True when stalled.
   */
  public synchronized boolean stalled(double commits, double lag, long nowMs) {
    if (!Double.isNaN(commits) && commits != lastCommits) {
      lastCommits = commits;
      lastProgressMs = nowMs;
    }
    if (!Double.isNaN(lag) && !Double.isInfinite(lag)) {
      lastLag = lag;
    }
    if (lastLag <= 0) {
      waitingSinceMs = -1;
      return false;
    }
    if (waitingSinceMs < 0) {
      waitingSinceMs = nowMs;
    }
    return nowMs - Math.max(lastProgressMs, waitingSinceMs) > maxStallMs;
  }
}
