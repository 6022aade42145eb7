package org.feedbackrouter.classify.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.feedbackrouter.classify.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads a model from files, as a user-supplied one is: the bundled model's own files, copied out. */
class SentenceEncoderTest {

  @TempDir static Path dir;
  static SentenceEncoder fromFiles;

  @BeforeAll
  static void loadFromFiles() throws IOException {
    Path model = copy("all-minilm-l6-v2-q.onnx", dir.resolve("model.onnx"));
    Path tokenizer = copy("all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));
    fromFiles = SentenceEncoder.fromFiles(model, tokenizer, PoolingMode.MEAN, EnumSet.of(Language.EN));
  }

  @AfterAll
  static void close() {
    fromFiles.close();
  }

  static Path copy(String resource, Path target) throws IOException {
    try (InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource + " in the bundled model's jar").isNotNull();
      Files.copy(in, target);
    }
    return target;
  }

  @Test
  void similarSentencesAreCloserThanUnrelatedOnes() {
    float[] charged = fromFiles.embed("I was charged twice for my phone bill this month");
    float[] billing = fromFiles.embed("There is a duplicate charge on my invoice");
    float[] parcel = fromFiles.embed("The courier left my parcel in the rain and it arrived soaked");
    assertThat(charged).hasSize(384);
    assertThat(dot(charged, charged)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(dot(charged, billing)).isGreaterThan(dot(charged, parcel) + 0.1);
  }

  @Test
  void filesGiveTheBundledModelsVectorsAndAnIdentityOfTheirOwn() {
    try (SentenceEncoder bundled = SentenceEncoder.bundled()) {
      float[] a = bundled.embed("The app crashes when I open my account");
      float[] b = fromFiles.embed("The app crashes when I open my account");
      assertThat(dot(a, b)).isGreaterThan(0.9999);
      assertThat(bundled.name()).isEqualTo(SentenceEncoder.BUNDLED_NAME);
      assertThat(fromFiles.name()).startsWith("file:model.onnx:").endsWith(":mean");
      assertThat(fromFiles.speaks(Language.EN)).isTrue();
      assertThat(fromFiles.speaks(Language.ES)).isFalse();
    }
  }

  @Test
  void aMissingFileIsRefusedWithItsPath() {
    Path missing = dir.resolve("nope.onnx");
    assertThatThrownBy(() -> SentenceEncoder.fromFiles(missing, dir.resolve("tokenizer.json"), PoolingMode.MEAN,
            EnumSet.of(Language.EN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void aFileThatIsNoModelIsRefused() {
    Path tokenizer = dir.resolve("tokenizer.json");
    assertThatThrownBy(() -> SentenceEncoder.fromFiles(tokenizer, tokenizer, PoolingMode.MEAN, EnumSet.of(Language.EN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot load encoder");
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
