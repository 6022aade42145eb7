package org.feedbackrouter.service;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per round of restoring local state from the changelogs (after an unclean stop,
 * under exactly-once, Kafka Streams wipes and restores every store), instead of a line per store
 * and partition: how many records, how long. Nothing when nothing was restored.
 */
final class RestoreProgress implements StateRestoreListener {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreProgress.class);

  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger partitions = new AtomicInteger();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong startedAt = new AtomicLong();

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
    if (running.getAndIncrement() == 0) {
      startedAt.set(System.nanoTime());
      partitions.set(0);
      records.set(0);
    }
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    // Counted at the end, per partition.
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    records.addAndGet(totalRestored);
    partitions.incrementAndGet();
    finishOne();
  }

  @Override
  public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
    records.addAndGet(totalRestored);
    finishOne();
  }

  private void finishOne() {
    if (running.decrementAndGet() == 0 && records.get() > 0) {
      LOG.info("Restored local state: {} records into {} store partitions in {} ms", records.get(), partitions.get(),
          (System.nanoTime() - startedAt.get()) / 1_000_000);
    }
  }
}
