package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plain Kafka classes, configured only by properties as a department consumer would. */
class KafkaAvroSerializerTest {

  private static final String TOPIC = "feedback.received";

  private final String scope = TestRecords.freshScope();

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  private Map<String, Object> props(Object... settings) {
    Map<String, Object> props = new HashMap<>();
    props.put("schema.registry.url", "mock://" + scope);
    for (int k = 0; k < settings.length; k += 2) {
      props.put((String) settings[k], settings[k + 1]);
    }
    return props;
  }

  private KafkaAvroSerializer serializer(boolean isKey, Object... settings) {
    KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    serializer.configure(props(settings), isKey);
    return serializer;
  }

  private KafkaAvroDeserializer deserializer(Object... settings) {
    KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
    deserializer.configure(props(settings), false);
    return deserializer;
  }

  @Test
  void specificReaderGetsTheGeneratedClass() {
    FeedbackReceived original = TestRecords.feedback(3);
    byte[] bytes = serializer(false).serialize(TOPIC, original);

    Object read = deserializer("specific.avro.reader", "true").deserialize(TOPIC, bytes);

    assertThat(read).isInstanceOf(FeedbackReceived.class).isEqualTo(original);
    assertThat(MockSchemaRegistry.scope(scope).idOf("feedback.received-value", FeedbackReceived.SCHEMA$)).isEqualTo(1);
  }

  @Test
  void explicitReaderClassWins() {
    byte[] bytes = serializer(false).serialize(TOPIC, TestRecords.feedback(5));

    Object read = deserializer("specific.avro.reader.class", FeedbackReceived.class.getName()).deserialize(TOPIC, bytes);

    assertThat(read).isEqualTo(TestRecords.feedback(5));
  }

  @Test
  void genericByDefault() {
    byte[] bytes = serializer(false).serialize(TOPIC, TestRecords.feedback(2));

    Object read = deserializer().deserialize(TOPIC, bytes);

    assertThat(read).isInstanceOf(GenericRecord.class).isNotInstanceOf(FeedbackReceived.class);
    GenericRecord record = (GenericRecord) read;
    assertThat(record.get("id")).hasToString("fb-2");
    assertThat(record.get("receivedAt")).isEqualTo(1_700_000_000_002L);
    assertThat(record.get("channel")).hasToString("WEB");
  }

  @Test
  void primitiveKeysUseTheKeySubject() {
    KafkaAvroSerializer keys = serializer(true);
    byte[] bytes = keys.serialize(TOPIC, "fb-9");
    KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
    deserializer.configure(props(), true);

    assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo("fb-9");
    assertThat(MockSchemaRegistry.scope(scope).idOf("feedback.received-key", Schema.create(Schema.Type.STRING))).isEqualTo(1);
    assertThat(deserializer.deserialize("counts", keys.serialize("counts", 42L))).isEqualTo(42L);
    assertThat(deserializer.deserialize("blobs", keys.serialize("blobs", new byte[] {1, 2}))).isEqualTo(new byte[] {1, 2});
  }

  @Test
  void decodesFromTheConsumersBufferWithoutCopying() {
    FeedbackReceived original = TestRecords.feedback(4);
    byte[] bytes = serializer(false).serialize(TOPIC, original);
    byte[] padded = new byte[bytes.length + 10];
    System.arraycopy(bytes, 0, padded, 6, bytes.length);
    KafkaAvroDeserializer deserializer = deserializer("specific.avro.reader", true);

    ByteBuffer positioned = ByteBuffer.wrap(padded, 6, bytes.length);
    ByteBuffer sliced = ByteBuffer.wrap(padded, 6, bytes.length).slice();
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

    assertThat(deserializer.deserialize(TOPIC, new RecordHeaders(), positioned)).isEqualTo(original);
    assertThat(deserializer.deserialize(TOPIC, new RecordHeaders(), sliced)).isEqualTo(original);
    assertThat(deserializer.deserialize(TOPIC, new RecordHeaders(), direct)).isEqualTo(original);
    assertThat(deserializer.deserialize(TOPIC, new RecordHeaders(), (ByteBuffer) null)).isNull();
  }

  @Test
  void autoRegistrationOffNeedsTheSchemaRegistered() {
    KafkaAvroSerializer strict = serializer(false, "auto.register.schemas", "false");

    assertThatThrownBy(() -> strict.serialize(TOPIC, TestRecords.feedback(1)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Register it first")
        .hasMessageContaining("auto.register.schemas");

    MockSchemaRegistry.scope(scope).register("feedback.received-value", Scores.SCHEMA$);
    MockSchemaRegistry.scope(scope).register("other-value", FeedbackReceived.SCHEMA$);
    assertThatThrownBy(() -> strict.serialize(TOPIC, TestRecords.feedback(1))).isInstanceOf(SerializationException.class);
  }

  @Test
  void tombstonesStayNull() {
    assertThat(serializer(false).serialize(TOPIC, null)).isNull();
    assertThat(deserializer().deserialize(TOPIC, (byte[]) null)).isNull();
  }

  @Test
  void misconfigurationIsReportedAtConfigureTime() {
    assertThatThrownBy(() -> new KafkaAvroSerializer().configure(Map.of(), false))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> deserializer("specific.avro.reader.class", "org.feedbackrouter.avro.Nope"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("class not found");
    assertThatThrownBy(() -> deserializer("specific.avro.reader.class", String.class))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not a generated Avro SpecificRecord");
    assertThatThrownBy(() -> serializer(false, "auto.register.schemas", "yes"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas");
    assertThatThrownBy(() -> new KafkaAvroDeserializer().deserialize(TOPIC, new byte[] {0, 0, 0, 0, 1}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("configure");
  }

  @Test
  void specificReaderWithoutTheClassSaysSo() {
    Schema unknown = new Schema.Parser().parse("""
        {"type": "record", "name": "Unknown", "namespace": "org.feedbackrouter.nowhere", "fields": [{"name": "a", "type": "int"}]}""");
    byte[] bytes = serializer(false).serialize(TOPIC, new GenericRecordBuilder(unknown).set("a", 1).build());

    assertThatThrownBy(() -> deserializer("specific.avro.reader", "true").deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("no generated Avro class org.feedbackrouter.nowhere.Unknown");
  }
}
