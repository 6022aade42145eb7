package org.feedbackrouter.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.feedbackrouter.avro.Silence;
import org.feedbackrouter.http.Silences;
import org.feedbackrouter.topology.FeedbackTopology;
import org.feedbackrouter.topology.TopicSpec;

/**
 * The API's silences: written to the compacted {@code alert.silences} topic keyed by silence id,
 * read back from the alert stage's global store, which every instance holds whole.
 */
final class KafkaSilences implements Silences, AutoCloseable {
  private final KafkaProducer<String, Silence> producer;
  private final String topic;
  private final Supplier<KafkaStreams> streams;

  KafkaSilences(Map<String, Object> clients, TopicSpec<String, Silence> silences, Supplier<KafkaStreams> streams) {
    Map<String, Object> props = DurableSend.producerConfig(clients, "feedback-router-api-silences");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), silences.valueSerde().serializer());
    this.topic = silences.name();
    this.streams = streams;
  }

  @Override
  public void write(Silence silence) {
    DurableSend.await(producer.send(new ProducerRecord<>(topic, silence.getSilenceId(), silence)), topic);
  }

  @Override
  public List<Silence> all() {
    KafkaStreams ks = streams.get();
    if (ks == null) {
      throw new IllegalStateException("Kafka Streams is not running yet");
    }
    List<Silence> out = new ArrayList<>();
    ReadOnlyKeyValueStore<String, Silence> store = ks.store(StoreQueryParameters.fromNameAndType(
        FeedbackTopology.SILENCES_STORE, QueryableStoreTypes.keyValueStore()));
    try (KeyValueIterator<String, Silence> all = store.all()) {
      all.forEachRemaining(kv -> out.add(kv.value));
    }
    return out;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
