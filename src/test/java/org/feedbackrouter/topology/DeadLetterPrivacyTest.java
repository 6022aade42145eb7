package org.feedbackrouter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.ingest.DeadLetterHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead letters keep what a replay needs, sealed, and nothing personal in clear. */
class DeadLetterPrivacyTest {
  private static final String EMAIL = "lucia.garcia@example.com";
  private static final String IBAN = "ES9121000418450200051332";
  private static final String CUSTOMER = "cust-8841-lucia";

  @TempDir Path stateDir;
  private DriverFixture fx;

  @AfterEach
  void stop() {
    fx.close();
  }

  private static FeedbackReceived personal(String id, String text) {
    return DriverFixture.feedback(id, text).setCustomerId(CUSTOMER).setAttributes(Map.of("email", EMAIL)).build();
  }

  @Test
  void anInvalidFeedbackIsSealedAndItsReadableCopyIsRedacted() {
    fx = new DriverFixture(stateDir, StreamsConfig.EXACTLY_ONCE_V2, Map.of());
    String text = "Escribidme a " + EMAIL + " y devolvedme el cargo en " + IBAN + " " + "x".repeat(10_000);
    FeedbackReceived sent = personal("long-1", text);
    fx.send(sent);

    TestRecord<byte[], byte[]> dead = fx.deadLetters().get(0);
    assertThat(inClear(dead)).doesNotContain(EMAIL, IBAN, CUSTOMER, "lucia.garcia");
    assertThat(DriverFixture.header(dead.headers(), DeadLetterHandler.KEY_ID)).isEqualTo(fx.dlqKey.id());
    String copy = DriverFixture.header(dead.headers(), DeadLetterHandler.REDACTED);
    assertThat(copy).contains("\"id\":\"long-1\"", "[EMAIL]", "[IBAN]", "\"customerId\":\"[REDACTED]\"");
    FeedbackReceived opened = fx.topics.feedbackReceived().valueSerde().deserializer()
        .deserialize(fx.topics.feedbackReceived().name(), fx.dlqKey.open(dead.value()));
    assertThat(opened).isEqualTo(sent);
  }

  @Test
  void withoutStoringTheOriginalOnlyTheRedactedCopyIsKept() {
    fx = new DriverFixture(stateDir, StreamsConfig.EXACTLY_ONCE_V2, Map.of("feedback.dlq.store-original", "false"));
    fx.send(FeedbackReceived.newBuilder(personal("blank-1", "   ")).setProduct(EMAIL).build());

    TestRecord<byte[], byte[]> dead = fx.deadLetters().get(0);
    assertThat(dead.value()).isNull();
    assertThat(dead.headers().lastHeader(DeadLetterHandler.KEY_ID)).isNull();
    assertThat(inClear(dead)).doesNotContain(EMAIL, CUSTOMER).contains("missing_field", "[EMAIL]");
  }

  @Test
  void undecodableBytesAreDescribedBySizeOnly() {
    fx = new DriverFixture(stateDir, StreamsConfig.AT_LEAST_ONCE, Map.of());
    byte[] json = ("{\"email\":\"" + EMAIL + "\"}").getBytes(StandardCharsets.UTF_8);
    fx.rawFeedback.pipeInput("raw-1".getBytes(StandardCharsets.UTF_8), json);
    fx.send(DriverFixture.feedback("ok-1", "La factura de este mes me cobra dos veces la cuota").build());

    TestRecord<byte[], byte[]> dead = fx.deadLetters().get(0);
    assertThat(inClear(dead)).doesNotContain(EMAIL);
    assertThat(DriverFixture.header(dead.headers(), DeadLetterHandler.REDACTED))
        .isEqualTo("{\"undecodable\":true,\"bytes\":" + json.length + "}");
    assertThat(fx.dlqKey.open(dead.value())).isEqualTo(json);
  }

  /** Everything a reader of the topic sees without the key: value and headers as text. */
  private static String inClear(TestRecord<byte[], byte[]> r) {
    StringBuilder all = new StringBuilder();
    if (r.value() != null) {
      all.append(new String(r.value(), StandardCharsets.ISO_8859_1));
    }
    for (Header h : List.of(r.headers().toArray())) {
      all.append('\n').append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8));
    }
    return all.toString();
  }
}
