package org.feedbackrouter.notify.kafka;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One partition's records still being delivered, in offset order. Deliveries finish out of order
 * (each destination has its own queue), but a partition's committed offset may only pass a record
 * once it and every record before it are delivered or dead-lettered: that is what makes a kill -9
 * lose nothing. Used from the consumer's thread only.
 */
final class PartitionProgress {
  /** What the poll loop should do: commit up to {@code commit}, or re-read from {@code rewindTo}; -1 for neither. */
  record Step(long commit, long rewindTo) {}

  private record Pending(long offset, CompletableFuture<?> done) {}

  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  void add(long offset, CompletableFuture<?> done) {
    pending.addLast(new Pending(offset, done));
  }

  int inFlight() {
    return pending.size();
  }

  /**
   * Drops the finished records at the head. A record whose delivery failed outright (the dead
   * letter could not be written, or the deliverer is closing) is not passed: the partition goes
   * back to it, and what follows it is read again.
   */
  Step advance() {
    long commit = -1;
    while (!pending.isEmpty() && pending.peekFirst().done().isDone()) {
      Pending head = pending.peekFirst();
      if (head.done().isCompletedExceptionally()) {
        pending.clear();
        return new Step(commit, head.offset());
      }
      pending.removeFirst();
      commit = head.offset() + 1;
    }
    return new Step(commit, -1);
  }
}
