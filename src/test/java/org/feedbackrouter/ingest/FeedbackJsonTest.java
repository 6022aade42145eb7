package org.feedbackrouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.junit.jupiter.api.Test;

class FeedbackJsonTest {
  private static final long NOW = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
  private final FeedbackJson json = new FeedbackJson(new FeedbackValidator(10_000, Duration.ofHours(1)));

  private RejectReason rejection(String line) {
    return catchThrowableOfType(RejectedRecordException.class, () -> json.parse(line, NOW)).reason();
  }

  @Test
  void aParseErrorSaysWhereWithoutJacksonsSourceNote() {
    RejectedRecordException e = catchThrowableOfType(RejectedRecordException.class,
        () -> json.parse("{\"id\":\"b\",\"channel\":\"web\"", NOW));
    assertThat(e.getMessage()).startsWith("not JSON: Unexpected end-of-input")
        .contains("line: 1, column: 1").doesNotContain("Source", "REDACTED", "StreamReadFeature");
  }

  @Test
  void readsEveryFieldOfFeedbackReceived() {
    FeedbackReceived f = json.parse("""
        {"id":"fb-1","channel":"contact-centre","receivedAt":"2026-03-01T10:15:00Z","customerId":"c-9",
         "language":"es","product":"fibra 600","journey":"alta","attributes":{"store":"Madrid"},
         "text":"No funciona la fibra","scores":{"nps":3,"csat":2,"ces":6}}""".replace("\n", ""), NOW);
    assertThat(f.getId()).isEqualTo("fb-1");
    assertThat(f.getChannel()).isEqualTo(Channel.CONTACT_CENTER);
    assertThat(f.getReceivedAt()).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
    assertThat(f.getAttributes()).containsEntry("store", "Madrid");
    assertThat(f.getScores().getNps()).isEqualTo(3);
    assertThat(f.getScores().getCes()).isEqualTo(6);
    assertThat(f.getProduct()).isEqualTo("fibra 600");
  }

  @Test
  void topLevelScoresEpochTimesAndDefaults() {
    FeedbackReceived f = json.parse("{\"id\":\"fb-2\",\"text\":\"ok\",\"nps\":10,\"receivedAt\":1772359200000}", NOW);
    assertThat(f.getScores().getNps()).isEqualTo(10);
    assertThat(f.getReceivedAt().toEpochMilli()).isEqualTo(1772359200000L);
    assertThat(f.getChannel()).isEqualTo(Channel.OTHER);
    assertThat(json.parse("{\"id\":\"fb-3\",\"text\":\"ok\"}", NOW).getReceivedAt().toEpochMilli()).isEqualTo(NOW);
  }

  @Test
  void badLinesSayWhy() {
    assertThat(rejection("{not json")).isEqualTo(RejectReason.MALFORMED);
    assertThat(rejection("[1,2]")).isEqualTo(RejectReason.MALFORMED);
    assertThat(rejection("{\"text\":\"no id\"}")).isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(rejection("{\"id\":\"x\",\"text\":\"  \"}")).isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(rejection("{\"id\":\"x\",\"text\":\"t\",\"channel\":\"pigeon\"}")).isEqualTo(RejectReason.MALFORMED);
    assertThat(rejection("{\"id\":\"x\",\"text\":\"t\",\"csat\":9}")).isEqualTo(RejectReason.SCORE_OUT_OF_RANGE);
    assertThat(rejection("{\"id\":\"x\",\"text\":\"t\",\"nps\":\"high\"}")).isEqualTo(RejectReason.SCORE_OUT_OF_RANGE);
    assertThat(rejection("{\"id\":\"x\",\"text\":\"t\",\"receivedAt\":\"yesterday\"}")).isEqualTo(RejectReason.MALFORMED);
    assertThat(rejection("{\"id\":\"x\",\"text\":\"t\",\"receivedAt\":\"2026-03-05T00:00:00Z\"}"))
        .isEqualTo(RejectReason.FUTURE_TIMESTAMP);
    assertThat(rejection("{\"id\":\"x\",\"text\":\"t\",\"colour\":\"red\"}")).isEqualTo(RejectReason.MALFORMED);
  }
}
