package org.feedbackrouter.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;

/** Waits for an API write to be on every in-sync replica, turning each failure into a KafkaException. */
final class DurableSend {
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);

  private DurableSend() {}

  /** Producer settings for writes a caller waits on: every in-sync replica, idempotent, bounded in time. */
  static Map<String, Object> producerConfig(Map<String, Object> clients, String clientId) {
    Map<String, Object> props = new HashMap<>(clients);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis() - 1000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    return props;
  }

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
