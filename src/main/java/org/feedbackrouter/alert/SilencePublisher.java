package org.feedbackrouter.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.feedbackrouter.avro.Silence;
import org.feedbackrouter.topology.TopicSpec;

/** Writes the ownership file's silences to {@code alert.silences}, keyed by their {@code file:} ids. */
public final class SilencePublisher {
  private final Map<String, Object> clientConfig;
  private final TopicSpec<String, Silence> topic;

  public SilencePublisher(Map<String, ?> clientConfig, TopicSpec<String, Silence> topic) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.topic = topic;
  }

  /** Returns once every silence is on every in-sync replica; throws if one could not be written. */
  public void publish(List<Silence> silences) throws InterruptedException, ExecutionException {
    Properties p = new Properties();
    p.putAll(clientConfig);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, Silence> producer = new KafkaProducer<>(p,
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      silences.forEach(s -> sent.add(producer.send(new ProducerRecord<>(topic.name(), s.getSilenceId(), s))));
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    }
  }
}
