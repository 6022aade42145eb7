package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bytes on the wire match Confluent's format and the Avro spec, in both directions. */
class AvroSerdeWireFormatTest {

  private final String scope = TestRecords.freshScope();
  private final MockSchemaRegistry registry = MockSchemaRegistry.scope(scope);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void feedbackSerialisesToTheGoldenBytes() {
    AvroSerde<FeedbackReceived> serde = AvroSerdes.specific(FeedbackReceived.class, registry, false, true);

    byte[] bytes = serde.serializer().serialize("feedback.received", TestRecords.goldenFeedback());

    assertThat(bytes).containsExactly(
        0x00, 0x00, 0x00, 0x00, 0x01,                   // magic byte, schema id 1 (first in a fresh scope)
        0x08, 'f', 'b', '-', '1',                       // id: length 4 (zig-zag 8), "fb-1"
        0x04,                                           // channel: WEB is symbol 2 (zig-zag 4)
        0x80, 0xa0, 0xab, 0xfe, 0xf9, 0x62,             // receivedAt 1700000000000 ms: zig-zag varint
        0x02, 0x06, 'c', '-', '9',                      // customerId: union branch 1 (string), length 3
        0x02, 0x04, 'e', 's',                           // language: branch 1, "es"
        0x00,                                           // product: branch 0 (null)
        0x00,                                           // journey: null
        0x02, 0x06, 's', 'r', 'c', 0x06, 'n', 'p', 's', 0x00, // attributes: one entry, "src" -> "nps", end
        0x0e, 0xc2, 0xa1, 'H', 'o', 'l', 'a', '!',      // text: 7 UTF-8 bytes, "¡" is c2 a1
        0x02,                                           // scores: branch 1 (Scores)
        0x02, 0x12,                                     //   nps: branch 1, 9 (zig-zag 18)
        0x00,                                           //   csat: null
        0x02, 0x04);                                    //   ces: branch 1, 2 (zig-zag 4)
  }

  @Test
  void schemaIdFromTheRegistryIsWrittenBigEndianAndNumbersFollowTheSpec() throws IOException {
    Schema schema = new Schema.Parser().parse("""
        {"type": "record", "name": "Sample", "namespace": "org.feedbackrouter.test", "fields": [
          {"name": "l", "type": "long"},
          {"name": "i", "type": "int"},
          {"name": "d", "type": "double"},
          {"name": "f", "type": "float"},
          {"name": "b", "type": "boolean"},
          {"name": "by", "type": "bytes"},
          {"name": "e", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "GREEN"]}},
          {"name": "fx", "type": {"type": "fixed", "name": "Pair", "size": 2}},
          {"name": "arr", "type": {"type": "array", "items": "int"}},
          {"name": "opt", "type": ["null", "long"]}
        ]}""");
    GenericRecord sample = new GenericRecordBuilder(schema)
        .set("l", -64L)
        .set("i", 150)
        .set("d", 2.5)
        .set("f", -1.25f)
        .set("b", true)
        .set("by", ByteBuffer.wrap(new byte[] {(byte) 0xca, (byte) 0xfe}))
        .set("e", new GenericData.EnumSymbol(schema.getField("e").schema(), "GREEN"))
        .set("fx", new GenericData.Fixed(schema.getField("fx").schema(), new byte[] {1, 2}))
        .set("arr", List.of(-1, 64))
        .set("opt", -3L)
        .build();

    try (RegistryTestServer server = RegistryTestServer.http().alwaysReply(200, "{\"id\": 16909060}")) {
      SchemaRegistryClient client = SchemaRegistryClients.create(RegistryConfig.of(server.url("")));
      byte[] bytes = AvroSerdes.generic(null, client, false, true).serializer().serialize("samples", sample);

      assertThat(bytes).containsExactly(
          0x00, 0x01, 0x02, 0x03, 0x04,                 // magic byte, id 16909060 = 0x01020304 big-endian
          0x7f,                                         // l = -64: zig-zag 127
          0xac, 0x02,                                   // i = 150: zig-zag 300 as varint
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x40, // d = 2.5: IEEE 754 double, little-endian
          0x00, 0x00, 0xa0, 0xbf,                       // f = -1.25: IEEE 754 float, little-endian
          0x01,                                         // b = true
          0x04, 0xca, 0xfe,                             // by: length 2, bytes
          0x02,                                         // e = GREEN, symbol 1
          0x01, 0x02,                                   // fx: 2 raw bytes, no length
          0x04, 0x01, 0x80, 0x01, 0x00,                 // arr: block of 2, -1, 64, end
          0x02, 0x05);                                  // opt: branch 1 (long), -3 is zig-zag 5
      assertThat(server.requests()).singleElement()
          .satisfies(request -> assertThat(request.path()).isEqualTo("/subjects/samples-value/versions"));
    }
  }

  @Test
  void decodesBytesWrittenIndependentlyByAvroWithAHandMadeHeader() throws IOException {
    int id = registry.register("feedback.received-value", FeedbackReceived.SCHEMA$);
    Schema schema = FeedbackReceived.SCHEMA$;
    GenericRecord record = new GenericRecordBuilder(schema)
        .set("id", "fb-77")
        .set("channel", new GenericData.EnumSymbol(schema.getField("channel").schema(), "STORE"))
        .set("receivedAt", 1_700_000_123_456L)
        .set("customerId", null)
        .set("language", "en")
        .set("product", "cards")
        .set("journey", "payment")
        .set("attributes", Map.of("store", "Madrid-3"))
        .set("text", "Card reader broken")
        .set("scores", null)
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();

    FeedbackReceived decoded = AvroSerdes.specific(FeedbackReceived.class, registry, false, false)
        .deserializer().deserialize("feedback.received", out.toByteArray());

    assertThat(decoded.getId()).isEqualTo("fb-77");
    assertThat(decoded.getChannel()).isEqualTo(Channel.STORE);
    assertThat(decoded.getReceivedAt().toEpochMilli()).isEqualTo(1_700_000_123_456L);
    assertThat(decoded.getCustomerId()).isNull();
    assertThat(decoded.getLanguage()).isEqualTo("en");
    assertThat(decoded.getProduct()).isEqualTo("cards");
    assertThat(decoded.getJourney()).isEqualTo("payment");
    assertThat(decoded.getAttributes()).containsExactly(Map.entry("store", "Madrid-3"));
    assertThat(decoded.getText()).isEqualTo("Card reader broken");
    assertThat(decoded.getScores()).isNull();
  }

  @Test
  void roundTripsRecordsWithAndWithoutOptionalParts() {
    AvroSerde<FeedbackReceived> serde = AvroSerdes.specific(FeedbackReceived.class, registry, false, true);
    for (int n = 0; n < 8; n++) {
      FeedbackReceived original = TestRecords.feedback(n);
      byte[] bytes = serde.serializer().serialize("feedback.received", original);
      assertThat(serde.deserializer().deserialize("feedback.received", bytes)).isEqualTo(original);
    }
  }

  @Test
  void nullAndEmptyPayloadsAreTombstones() {
    AvroSerde<FeedbackReceived> serde = AvroSerdes.specific(FeedbackReceived.class, registry, false, true);

    assertThat(serde.serializer().serialize("area.ownership", null)).isNull();
    assertThat(serde.deserializer().deserialize("area.ownership", null)).isNull();
    assertThat(serde.deserializer().deserialize("area.ownership", new byte[0])).isNull();
  }

  @Test
  void keysAndValuesUseTheirOwnSubjects() {
    FeedbackReceived record = TestRecords.feedback(1);
    AvroSerdes.specific(FeedbackReceived.class, registry, true, true).serializer().serialize("keyed", record);

    assertThat(registry.idOf("keyed-key", FeedbackReceived.SCHEMA$)).isEqualTo(1);
    assertThat(SubjectNames.value("keyed")).isEqualTo("keyed-value");
    assertThatThrownBy(() -> registry.idOf("keyed-value", FeedbackReceived.SCHEMA$))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.NOT_FOUND));
  }
}
