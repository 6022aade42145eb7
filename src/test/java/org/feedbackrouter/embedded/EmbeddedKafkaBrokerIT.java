package org.feedbackrouter.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's broker: data in a given directory survives a restart; a temporary one leaves nothing behind. */
class EmbeddedKafkaBrokerIT {

  @Test
  void topicsAndRecordsSurviveARestartOnTheSameDataDirectory(@TempDir Path dataDir) throws Exception {
    String topic = "restart-" + UUID.randomUUID();
    List<String> written = List.of("a", "b", "c", "d", "e");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Optional.of(dataDir), Map.of());
       Admin admin = admin(broker)) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
          new StringSerializer(), new StringSerializer())) {
        for (String value : written) {
          producer.send(new ProducerRecord<>(topic, value, value)).get();
        }
      }
    }

    try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(Optional.of(dataDir), Map.of());
       Admin admin = admin(restarted)) {
      // A broker's metadata lists topics a moment after their creation or its restart.
      await().untilAsserted(() -> assertThat(admin.listTopics().names().get()).contains(topic));
      assertThat(readAll(restarted, topic, written.size())).containsExactlyInAnyOrderElementsOf(written);
    }
    assertThat(dataDir).isNotEmptyDirectory();
  }

  @Test
  void temporaryBrokerAppliesExtraPropsAndCloseRemovesItsDirectoryOnce() throws Exception {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Optional.empty(), Map.of("num.partitions", "4"));
    Path dir = broker.dataDirectory();
    String topic = "defaults-" + UUID.randomUUID();
    try (Admin admin = admin(broker)) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
      await().untilAsserted(() ->
          assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(4));
    }
    assertThat(dir).isDirectory();

    broker.close();
    broker.close();

    assertThat(dir).doesNotExist();
    String[] hostAndPort = broker.bootstrapServers().split(":");
    assertThatThrownBy(() -> new Socket(hostAndPort[0], Integer.parseInt(hostAndPort[1])).close())
        .isInstanceOf(ConnectException.class);
  }

  private static Admin admin(EmbeddedKafkaBroker broker) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static List<String> readAll(EmbeddedKafkaBroker broker, String topic, int expected) {
    List<String> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "restart-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await("records of " + topic + " after the restart")
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .pollInterval(Duration.ZERO)
          .until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(record.value()));
            return read.size() >= expected;
          });
    }
    return read;
  }
}
