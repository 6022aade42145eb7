package org.feedbackrouter.classify.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import org.feedbackrouter.classify.LabeledText;
import org.feedbackrouter.classify.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderHeadTest {

  static SentenceEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = SentenceEncoder.bundled();
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void classifiesHeldOutTextsWithProbabilitiesThatSumToOne() {
    EncoderHead head = EncoderHead.train(encoder, EncoderFixtures.TRAIN, EncoderFixtures.LABELS, 4, 42);
    for (LabeledText t : EncoderFixtures.HELD_OUT) {
      double[] p = probabilities(head, t.text());
      assertThat(EncoderFixtures.LABELS.get(argmax(p))).as(t.text()).isEqualTo(t.label());
      assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void aLabelWithoutTextsScoresZero() {
    var labels = java.util.List.of("billing", "delivery", "app", "privacy");
    EncoderHead head = EncoderHead.train(encoder, EncoderFixtures.TRAIN, labels, 4, 42);
    assertThat(probabilities(head, "someone read my personal data")[3]).isZero();
  }

  @Test
  void sameSeedSameHeadAndTheWrittenHeadReadsBackTheSame() throws IOException {
    EncoderHead a = EncoderHead.train(encoder, EncoderFixtures.TRAIN, EncoderFixtures.LABELS, 4, 7);
    EncoderHead b = EncoderHead.train(encoder, EncoderFixtures.TRAIN, EncoderFixtures.LABELS, 4, 7);
    byte[] bytes = bytes(a);
    assertThat(bytes).isEqualTo(bytes(b));

    EncoderHead read = EncoderHead.read(new DataInputStream(new ByteArrayInputStream(bytes)), encoder);
    assertThat(read.labels()).isEqualTo(a.labels());
    assertThat(read.encoderName()).isEqualTo(SentenceEncoder.BUNDLED_NAME);
    for (LabeledText t : EncoderFixtures.HELD_OUT) {
      assertThat(probabilities(read, t.text())).containsExactly(probabilities(a, t.text()));
    }
  }

  @Test
  void aHeadIsRefusedByAnotherEncoder(@TempDir Path dir) throws IOException {
    byte[] bytes = bytes(EncoderHead.train(encoder, EncoderFixtures.TRAIN, EncoderFixtures.LABELS, 4, 42));
    Path model = SentenceEncoderTest.copy("all-minilm-l6-v2-q.onnx", dir.resolve("other.onnx"));
    Path tokenizer = SentenceEncoderTest.copy("all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));
    try (SentenceEncoder other = SentenceEncoder.fromFiles(model, tokenizer,
        dev.langchain4j.model.embedding.onnx.PoolingMode.MEAN, EnumSet.of(Language.EN))) {
      assertThatThrownBy(() -> EncoderHead.read(new DataInputStream(new ByteArrayInputStream(bytes)), other))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("trained on encoder '" + SentenceEncoder.BUNDLED_NAME + "' (384 dimensions)")
          .hasMessageContaining("'file:other.onnx:");
    }
  }

  private static double[] probabilities(EncoderHead head, String text) {
    double[] p = new double[head.labels().size()];
    head.probabilities(encoder.embed(text), p);
    return p;
  }

  private static byte[] bytes(EncoderHead head) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(out)) {
      head.write(data);
    }
    return out.toByteArray();
  }

  static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
