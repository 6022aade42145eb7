package org.feedbackrouter.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.route.OwnershipDiff;
import org.feedbackrouter.route.OwnershipPublisher;
import org.feedbackrouter.simulate.FeedbackGenerator;
import org.feedbackrouter.topology.TopicAdmin;
import org.feedbackrouter.topology.Topics;

/** Sets the stage: topics, the ownership model, and a backlog of feedback on feedback.received. */
final class FeedbackLoad {
  /** Texts of realistic length: the generator pads its sentences to about this many characters. */
  static final int TEXT_LENGTH = 200;

  private final Map<String, Object> clients;
  private final Topics topics;

  FeedbackLoad(Map<String, Object> clients, Topics topics) {
    this.clients = clients;
    this.topics = topics;
  }

  void prepare(TopicAdmin admin, BenchModel model) {
    admin.ensureCoreTopics();
    admin.ensure(model.departments());
    OwnershipPublisher publisher = new OwnershipPublisher(clients, topics.ownership());
    publisher.publish(OwnershipDiff.between(publisher.current(Duration.ofSeconds(30)), model.entries()));
  }

  /** Writes {@code count} feedback events, seeded, received now; returns the average text length. */
  double preload(long count, long seed) {
    FeedbackGenerator generator = new FeedbackGenerator(seed, TEXT_LENGTH);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long chars = 0;
    try (KafkaProducer<String, FeedbackReceived> producer = producer(clients, topics, 20)) {
      for (long i = 0; i < count; i++) {
        FeedbackReceived f = generator.next(Instant.now());
        chars += f.getText().length();
        producer.send(new ProducerRecord<>(topics.feedbackReceived().name(), f.getId(), f), (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
        if (failure.get() != null) {
          break;
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new KafkaException("Pre-loading feedback failed", failure.get());
    }
    return (double) chars / count;
  }

  static KafkaProducer<String, FeedbackReceived> producer(Map<String, Object> clients, Topics topics, int lingerMs) {
    Properties p = new Properties();
    p.putAll(clients);
    p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(p, new StringSerializer(), topics.feedbackReceived().valueSerde().serializer());
  }
}
