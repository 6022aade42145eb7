package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.feedbackrouter.avro.FeedbackReceived;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bounded decoder reads exactly what Avro's own decoder reads, and refuses what the payload cannot hold. */
class BoundedBinaryDecoderTest {

  private static final Schema ALL = new Schema.Parser().parse("""
      {"type": "record", "name": "All", "namespace": "org.feedbackrouter.test", "fields": [
        {"name": "n", "type": "null"},
        {"name": "b", "type": "boolean"},
        {"name": "i", "type": "int"},
        {"name": "l", "type": "long"},
        {"name": "f", "type": "float"},
        {"name": "d", "type": "double"},
        {"name": "by", "type": "bytes"},
        {"name": "s", "type": "string"},
        {"name": "fx", "type": {"type": "fixed", "name": "Three", "size": 3}},
        {"name": "e", "type": {"type": "enum", "name": "Level", "symbols": ["LOW", "MID", "HIGH"]}},
        {"name": "longs", "type": {"type": "array", "items": "long"}},
        {"name": "labels", "type": {"type": "map", "values": "string"}},
        {"name": "u", "type": ["null", "string", "long"]},
        {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [
          {"name": "name", "type": "string"}, {"name": "tags", "type": {"type": "array", "items": "string"}}]}},
        {"name": "inners", "type": {"type": "array", "items": "Inner"}},
        {"name": "nested", "type": {"type": "map", "values": {"type": "array", "items": "int"}}},
        {"name": "marker", "type": "string"}
      ]}""");
  /** Reads only the last field, so the decoder must skip every other one. */
  private static final Schema ONLY_MARKER = new Schema.Parser().parse("""
      {"type": "record", "name": "All", "namespace": "org.feedbackrouter.test", "fields": [
        {"name": "marker", "type": "string"}
      ]}""");

  static Stream<GenericRecord> records() {
    Schema inner = ALL.getField("inner").schema();
    List<Long> manyLongs = new ArrayList<>();
    for (long v = -300; v < 300; v++) {
      manyLongs.add(v * 1_000_003L);
    }
    Map<String, String> manyLabels = new LinkedHashMap<>();
    for (int k = 0; k < 150; k++) {
      manyLabels.put("key-" + k, "válue-" + k);
    }
    List<GenericRecord> manyInners = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      manyInners.add(new GenericRecordBuilder(inner).set("name", "inner-" + k).set("tags", List.of("t" + k, "ü")).build());
    }
    GenericRecord extremes = base()
        .set("b", true).set("i", Integer.MIN_VALUE).set("l", Long.MIN_VALUE)
        .set("f", Float.NaN).set("d", Double.MAX_VALUE)
        .set("by", ByteBuffer.wrap(new byte[] {0, (byte) 0xff, 0x7f}))
        .set("s", "emoji 😀 ñ ç €").set("u", Long.MAX_VALUE)
        .set("longs", manyLongs).set("labels", manyLabels).set("inners", manyInners)
        .set("nested", Map.of("a", List.of(Integer.MAX_VALUE, -1), "b", List.of()))
        .build();
    GenericRecord others = base()
        .set("i", Integer.MAX_VALUE).set("l", Long.MAX_VALUE).set("f", -0.0f).set("d", Double.NEGATIVE_INFINITY)
        .set("u", "a string branch").build();
    return Stream.of(base().build(), extremes, others);
  }

  private static GenericRecordBuilder base() {
    Schema inner = ALL.getField("inner").schema();
    return new GenericRecordBuilder(ALL)
        .set("n", null).set("b", false).set("i", 0).set("l", 0L).set("f", 0f).set("d", 0d)
        .set("by", ByteBuffer.allocate(0)).set("s", "")
        .set("fx", new GenericData.Fixed(ALL.getField("fx").schema(), new byte[] {1, 2, 3}))
        .set("e", new GenericData.EnumSymbol(ALL.getField("e").schema(), "HIGH"))
        .set("longs", List.of()).set("labels", Map.of()).set("u", null)
        .set("inner", new GenericRecordBuilder(inner).set("name", "x").set("tags", List.of()).build())
        .set("inners", List.of()).set("nested", Map.of()).set("marker", "end-marker");
  }

  /** Plain encoding, and blocked encoding whose array and map blocks carry their byte size (negative counts). */
  private static List<byte[]> encodings(GenericRecord record) throws IOException {
    List<byte[]> result = new ArrayList<>();
    for (boolean blocked : new boolean[] {false, true}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = blocked
          ? new EncoderFactory().configureBlockSize(64).blockingBinaryEncoder(out, null)
          : EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(ALL).write(record, encoder);
      encoder.flush();
      result.add(out.toByteArray());
    }
    if (!((List<?>) record.get("longs")).isEmpty()) {
      assertThat(result.get(1)).as("blocked encoding adds block byte sizes").hasSizeGreaterThan(result.get(0).length);
    }
    return result;
  }

  @ParameterizedTest
  @MethodSource("records")
  void readsWhatAvrosOwnDecoderReads(GenericRecord record) throws IOException {
    for (byte[] bytes : encodings(record)) {
      for (boolean fast : new boolean[] {true, false}) {
        GenericData model = new GenericData().setFastReaderEnabled(fast);
        Object expected = new GenericDatumReader<>(ALL, ALL, model).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(bytes, 0, bytes.length, BoundedBinaryDecoder.arrayItemsTakeBytes(ALL));

        Object actual = new GenericDatumReader<>(ALL, ALL, model).read(null, decoder);

        assertThat(actual).isEqualTo(expected).isEqualTo(record);
        assertThat(decoder.isEnd()).isTrue();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("records")
  void skipsEveryTypeExactly(GenericRecord record) throws IOException {
    for (byte[] bytes : encodings(record)) {
      for (boolean fast : new boolean[] {true, false}) {
        byte[] framed = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, framed, 3, bytes.length);
        BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(framed, 3, bytes.length, true);

        GenericRecord read = (GenericRecord) new GenericDatumReader<>(ALL, ONLY_MARKER, new GenericData().setFastReaderEnabled(fast))
            .read(null, decoder);

        assertThat(read.get("marker")).hasToString("end-marker");
        assertThat(decoder.isEnd()).as("consumed exactly the record, no more, no less").isTrue();
      }
    }
  }

  @Test
  void refusesLengthsAndCountsThePayloadCannotHold() {
    assertThatThrownBy(() -> decoder(0x80, 0xa8, 0xd6, 0xb9, 0x07, 'x').readString())
        .isInstanceOf(IOException.class).hasMessage("string claims 1000000000 bytes, 1 remain");
    assertThatThrownBy(() -> decoder(0x03).readBytes(null))
        .isInstanceOf(IOException.class).hasMessage("bytes claims -2 bytes, 0 remain");
    assertThatThrownBy(() -> decoder(0x80, 0xd0, 0xac, 0xf3, 0x0e, 0x02, 'k').readMapStart())
        .isInstanceOf(IOException.class).hasMessage("block claims 2000000000 items, 2 bytes remain");
    assertThatThrownBy(() -> decoder(0x0a, 0x01).readArrayStart())
        .isInstanceOf(IOException.class).hasMessage("block claims 5 items, 1 bytes remain");
    assertThatThrownBy(() -> decoder(0x01, 0x7e, 0x00).skipArray())
        .isInstanceOf(IOException.class).hasMessage("block claims 63 bytes, 1 remain");
    assertThatThrownBy(() -> decoder(0xff, 0xff, 0xff, 0xff, 0xff, 0x01).readInt())
        .isInstanceOf(IOException.class).hasMessageContaining("invalid int encoding");
    assertThatThrownBy(() -> decoder(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).readLong())
        .isInstanceOf(IOException.class).hasMessageContaining("invalid long encoding");
    assertThatThrownBy(() -> decoder(0x02).readBoolean())
        .isInstanceOf(IOException.class).hasMessageContaining("invalid boolean byte 2");
    assertThatThrownBy(() -> decoder(0x00, 0x00).readDouble())
        .isInstanceOf(IOException.class).hasMessageContaining("need 8 more bytes");
  }

  @Test
  void arraysOfZeroWidthItemsMayHaveMoreItemsThanBytes() throws IOException {
    Schema nulls = new Schema.Parser().parse("""
        {"type": "record", "name": "Nulls", "fields": [{"name": "xs", "type": {"type": "array", "items": "null"}}]}""");
    GenericRecord record = new GenericRecordBuilder(nulls).set("xs", Collections.nCopies(100, null)).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(nulls).write(record, encoder);
    encoder.flush();
    byte[] bytes = out.toByteArray();

    assertThat(bytes).hasSize(3);
    assertThat(BoundedBinaryDecoder.arrayItemsTakeBytes(nulls)).isFalse();
    BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(bytes, 0, bytes.length, false);
    assertThat(new GenericDatumReader<>(nulls).read(null, decoder)).isEqualTo(record);
    assertThat(decoder.isEnd()).isTrue();
  }

  @Test
  void knowsWhichSchemasHaveArraysOfZeroWidthItems() {
    Schema emptyRecords = new Schema.Parser().parse("""
        {"type": "record", "name": "Outer", "fields": [{"name": "xs", "type": {"type": "array", "items":
          {"type": "record", "name": "Empty", "fields": [{"name": "z", "type": {"type": "fixed", "name": "Zero", "size": 0}}]}}}]}""");
    Schema linkedList = new Schema.Parser().parse("""
        {"type": "record", "name": "Node", "fields": [
          {"name": "value", "type": "int"},
          {"name": "next", "type": ["null", "Node"]},
          {"name": "children", "type": {"type": "array", "items": "Node"}}]}""");

    assertThat(BoundedBinaryDecoder.arrayItemsTakeBytes(FeedbackReceived.SCHEMA$)).isTrue();
    assertThat(BoundedBinaryDecoder.arrayItemsTakeBytes(ALL)).isTrue();
    assertThat(BoundedBinaryDecoder.arrayItemsTakeBytes(emptyRecords)).isFalse();
    assertThat(BoundedBinaryDecoder.arrayItemsTakeBytes(linkedList)).isTrue();
  }

  @Test
  void readsStringsIntoAReusedUtf8() throws IOException {
    byte[] bytes = {0x06, 'a', 'b', 'c', 0x02, 'z'};
    BoundedBinaryDecoder decoder = decoder(bytes);
    Utf8 first = decoder.readString(null);
    assertThat(first.toString()).isEqualTo("abc");
    Utf8 second = decoder.readString(first);
    assertThat((Object) second).isSameAs(first);
    assertThat(second.toString()).isEqualTo("z");
  }

  private static BoundedBinaryDecoder decoder(int... values) {
    byte[] bytes = new byte[values.length];
    for (int k = 0; k < values.length; k++) {
      bytes[k] = (byte) values[k];
    }
    return decoder(bytes);
  }

  private static BoundedBinaryDecoder decoder(byte[] bytes) {
    return new BoundedBinaryDecoder(bytes, 0, bytes.length, true);
  }
}
