package org.feedbackrouter.service;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;

/** Waits for an API write to be on every in-sync replica, turning each failure into a KafkaException. */
final class DurableSend {
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);

  private DurableSend() {}

  static void await(Future<?> sent, String topic) {
    try {
      sent.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException("timed out writing to " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted writing to " + topic, e);
    }
  }
}
