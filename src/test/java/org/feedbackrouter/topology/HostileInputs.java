package org.feedbackrouter.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.apache.kafka.common.serialization.Serializer;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;

/**
 * What a hostile or broken producer can write to {@code feedback.received}, as recipes that turn
 * into bytes once the registry knows the schemas: random bytes, valid Avro with random field values
 * (odd Unicode, huge and blank strings, extreme times and scores), the same with invalid UTF-8 in
 * the text, truncated or bit-flipped payloads, schema ids of other record types or of nothing, and
 * tombstones.
 */
final class HostileInputs {
  private HostileInputs() {}

  /** Turns a recipe into the value bytes written to the topic. */
  interface Encoder {
    byte[] avro(FeedbackReceived f);

    /** Registered ids of schemas that are not FeedbackReceived. */
    List<Integer> foreignIds();
  }

  sealed interface Hostile {
    /** The value bytes; null for a tombstone. */
    byte[] bytes(Encoder e);
  }

  record RandomBytes(byte[] value) implements Hostile {
    public byte[] bytes(Encoder e) {
      return value;
    }
  }

  record Tombstone() implements Hostile {
    public byte[] bytes(Encoder e) {
      return null;
    }
  }

  record Valid(FeedbackReceived feedback) implements Hostile {
    public byte[] bytes(Encoder e) {
      return e.avro(feedback);
    }
  }

  /** The Avro bytes of the text replaced by arbitrary bytes of the same length: UTF-8 or not. */
  record InvalidUtf8Text(FeedbackReceived feedback, byte[] junk) implements Hostile {
    public byte[] bytes(Encoder e) {
      String marker = "\u0001".repeat(junk.length);
      byte[] out = e.avro(FeedbackReceived.newBuilder(feedback).setText(marker).build());
      byte[] m = marker.getBytes(StandardCharsets.UTF_8);
      int at = indexOf(out, m);
      System.arraycopy(junk, 0, out, at, junk.length);
      return out;
    }
  }

  record Truncated(FeedbackReceived feedback, double keep) implements Hostile {
    public byte[] bytes(Encoder e) {
      byte[] full = e.avro(feedback);
      return Arrays.copyOf(full, (int) (full.length * keep));
    }
  }

  record BitFlips(FeedbackReceived feedback, List<Integer> positions) implements Hostile {
    public byte[] bytes(Encoder e) {
      byte[] out = e.avro(feedback);
      for (int p : positions) {
        out[p % out.length] ^= (byte) (1 << (p % 8));
      }
      return out;
    }
  }

  /** A valid FeedbackReceived body behind the id of another record type's schema, or of none. */
  record ForeignSchemaId(FeedbackReceived feedback, int choice) implements Hostile {
    public byte[] bytes(Encoder e) {
      byte[] out = e.avro(feedback);
      List<Integer> ids = e.foreignIds();
      int id = choice < ids.size() ? ids.get(choice) : 1_000_000 + choice;
      ByteBuffer.wrap(out, 1, 4).putInt(id);
      return out;
    }
  }

  static Arbitrary<Hostile> any() {
    Arbitrary<FeedbackReceived> f = feedback();
    return Arbitraries.frequencyOf(
        weighted(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(RandomBytes::new)),
        weighted(3, magicThenRandom().map(RandomBytes::new)),
        weighted(6, f.map(Valid::new)),
        weighted(2, Combinators.combine(f, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(60))
            .as(InvalidUtf8Text::new)),
        weighted(2, Combinators.combine(f, Arbitraries.doubles().between(0, 0.999).ofScale(3)).as(Truncated::new)),
        weighted(2, Combinators.combine(f, Arbitraries.integers().greaterOrEqual(0).list().ofMinSize(1).ofMaxSize(4))
            .as(BitFlips::new)),
        weighted(2, Combinators.combine(f, Arbitraries.integers().between(0, 8)).as(ForeignSchemaId::new)),
        weighted(1, Arbitraries.just(new Tombstone())));
  }

  private static Tuple2<Integer, Arbitrary<? extends Hostile>> weighted(int weight,
      Arbitrary<? extends Hostile> a) {
    return Tuple.of(weight, a);
  }

  /** The wire format's magic byte and a random id and body: gets past the first check. */
  private static Arbitrary<byte[]> magicThenRandom() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(200).map(b -> {
      byte[] out = new byte[b.length + 1];
      System.arraycopy(b, 0, out, 1, b.length);
      return out;
    });
  }

  static Arbitrary<FeedbackReceived> feedback() {
    Arbitrary<Instant> receivedAt = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.longs().between(-86_400_000L * 400, 60_000)
            .map(d -> DriverFixture.START.plusMillis(d))),
        Tuple.of(1, Arbitraries.longs().map(Instant::ofEpochMilli)));
    Arbitrary<Scores> scores = Combinators.combine(score(), score(), score()).as(Scores::new).injectNull(0.5);
    return Builders.withBuilder(() -> FeedbackReceived.newBuilder().setAttributes(Map.of()))
        .use(Arbitraries.frequencyOf(Tuple.of(9, oddText().ofMinLength(1).ofMaxLength(40)),
            Tuple.of(1, Arbitraries.of("", " ", "\u200b")))).in((b, v) -> b.setId(v))
        .use(Arbitraries.of(Channel.class)).in((b, v) -> b.setChannel(v))
        .use(receivedAt).in((b, v) -> b.setReceivedAt(v))
        .use(oddText().ofMaxLength(40).injectNull(0.5)).in((b, v) -> b.setCustomerId(v))
        .use(Arbitraries.oneOf(Arbitraries.of("es", "en", "xx", ""), oddText().ofMaxLength(5)).injectNull(0.5))
        .in((b, v) -> b.setLanguage(v))
        .use(text(false).injectNull(0.6)).in((b, v) -> b.setProduct(v))
        .use(oddText().ofMaxLength(30).injectNull(0.6)).in((b, v) -> b.setJourney(v))
        .use(Arbitraries.maps(oddText().ofMaxLength(20), text(false)).ofMaxSize(4)).in((b, v) -> b.setAttributes(v))
        .use(text(true)).in((b, v) -> b.setText(v))
        .use(scores).in((b, v) -> b.setScores(v))
        .build(FeedbackReceived.Builder::build);
  }

  private static Arbitrary<Integer> score() {
    // Mostly in every score's range, so that most records get past validation to the classifier.
    return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(1, 5)),
        Tuple.of(1, Arbitraries.integers().between(-1, 12)), Tuple.of(1, Arbitraries.integers())).injectNull(0.3);
  }

  /**
   * Short odd strings, words from the texts, blanks, or long ones: for the text up to 200,000
   * characters (past its limit), for other fields up to 20,000 (they have no limit of their own).
   */
  private static Arbitrary<String> text(boolean huge) {
    Arbitrary<String> longText = Combinators.combine(oddText().ofMinLength(1).ofMaxLength(50),
        Arbitraries.integers().between(100, huge ? 4_000 : 400)).as((chunk, n) -> chunk.repeat(n));
    return Arbitraries.frequencyOf(
        Tuple.of(8, oddText().ofMinLength(1).ofMaxLength(400)),
        Tuple.of(4, Arbitraries.of("La factura de este mes me cobra dos veces la cuota",
            "The app crashes at login and support never answers", "Gracias, todo perfecto")),
        Tuple.of(1, Arbitraries.of("", " ", "\t\n", "\u0000", "\u200b")),
        Tuple.of(1, longText));
  }

  /**
   * Any UTF-16 unit (lone surrogates and NUL included), or the hard cases on purpose: right-to-left
   * text and overrides, combining marks, emoji, zero-width and control characters.
   */
  static net.jqwik.api.arbitraries.StringArbitrary oddText() {
    return Arbitraries.strings()
        .all()
        .withCharRange('\u0590', '\u06ff')
        .withCharRange('\u0300', '\u036f')
        .withCharRange('\ud800', '\udfff')
        .withChars('\u0000', '\u202e', '\u202d', '\u200f', '\u200b', '\ufeff', '\uffff', '@', '.', ' ')
        .withCharRange('a', 'z')
        .withCharRange('0', '9');
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("marker not found");
  }
}
