package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.feedbackrouter.avro.FeedbackReceived;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serde inside a real Kafka Streams topology (TopologyTestDriver runs the actual Streams runtime). */
class AvroSerdeStreamsTest {

  private final String scope = TestRecords.freshScope();
  private final MockSchemaRegistry registry = MockSchemaRegistry.scope(scope);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void topologyReadsAndWritesConfluentWireFormat() {
    AvroSerde<FeedbackReceived> serde = AvroSerdes.specific(FeedbackReceived.class, registry, false, true);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("feedback.received", Consumed.with(Serdes.String(), serde))
        .mapValues(feedback -> FeedbackReceived.newBuilder(feedback).setText(feedback.getText().toUpperCase()).build())
        .to("feedback.shouted", Produced.with(Serdes.String(), serde));
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "registry-serde-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");

    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
      TestInputTopic<String, FeedbackReceived> in =
          driver.createInputTopic("feedback.received", new StringSerializer(), serde.serializer());
      TestOutputTopic<String, byte[]> raw =
          driver.createOutputTopic("feedback.shouted", new StringDeserializer(), new ByteArrayDeserializer());
      FeedbackReceived original = TestRecords.feedback(7);

      in.pipeInput("fb-7", original);
      byte[] bytes = raw.readValue();

      int id = registry.idOf("feedback.shouted-value", FeedbackReceived.SCHEMA$);
      assertThat(registry.idOf("feedback.received-value", FeedbackReceived.SCHEMA$)).isEqualTo(id);
      assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 0, 0, 0, id);
      FeedbackReceived shouted = serde.deserializer().deserialize("feedback.shouted", bytes);
      assertThat(shouted.getText()).isEqualTo(original.getText().toUpperCase());
      assertThat(shouted.getId()).isEqualTo(original.getId());
      assertThat(shouted.getReceivedAt()).isEqualTo(original.getReceivedAt());
    }
  }
}
