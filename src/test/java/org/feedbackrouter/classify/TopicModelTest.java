package org.feedbackrouter.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicModelTest {

  private static final List<String> PROBES =
      List.of(
          "Me han cobrado dos veces la factura",
          "The parcel never arrived",
          "La app se cierra al pagar",
          "Hoy hace sol en Madrid");

  @Test
  void trainingIsDeterministicForAFixedSeed() {
    List<LabeledText> data = Taxonomy.defaults().examples();
    TopicModel a = TopicModel.train(data, null, ModelSettings.defaults().withSeed(7));
    TopicModel b = TopicModel.train(data, null, ModelSettings.defaults().withSeed(7));
    TopicModel c = TopicModel.train(data, null, ModelSettings.defaults().withSeed(8));

    assertThat(a.labels()).isEqualTo(b.labels());
    for (String probe : PROBES) {
      assertThat(probabilities(b, probe)).containsExactly(probabilities(a, probe));
    }
    // Another seed holds out other texts for calibration, so the scores move.
    assertThat(probabilities(c, PROBES.get(0))).isNotEqualTo(probabilities(a, PROBES.get(0)));
  }

  @Test
  void trainsFromACsvFileAndKeepsTheOutOfScopeLabelOutOfTopics() throws IOException {
    List<LabeledText> train = LabeledTextCsv.read(fixture("eval-train.csv"));
    TopicModel model = TopicModel.train(train, "none", ModelSettings.defaults());
    FeedbackClassifier classifier =
        FeedbackClassifier.create(
            Taxonomy.forLabels(List.of("billing", "delivery", "mobile_app", "contact_centre_wait")),
            model,
            PriorityRules.defaults(),
            ClassifierSettings.defaults());

    assertThat(model.labels()).containsExactly("billing", "contact_centre_wait", "delivery", "mobile_app", "none");
    assertThat(model.outOfScopeLabel()).isEqualTo("none");
    assertThat(classifier.classify("The invoice charged me twice", null, null, null, null).primaryTopic())
        .isEqualTo("billing");
    assertThat(classifier.classify("El repartidor no trajo el paquete", null, null, null, null).primaryTopic())
        .isEqualTo("delivery");
    assertThat(classifier.classify("Tell me a joke about dogs", null, null, null, null).topics())
        .extracting(TopicMatch::topic)
        .doesNotContain("none");
  }

  @Test
  void scoresDoNotDependOnWhatTheWordCacheHasSeen() {
    TopicModel model = TopicModel.train(Taxonomy.defaults().examples(), null, ModelSettings.defaults());
    SparseVector shared = new SparseVector();
    double[][] first = new double[PROBES.size()][];
    for (int i = 0; i < PROBES.size(); i++) {
      first[i] = scores(model, PROBES.get(i), shared);
    }
    for (int i = PROBES.size() - 1; i >= 0; i--) {
      assertThat(scores(model, PROBES.get(i), shared)).containsExactly(first[i]);
      assertThat(scores(model, PROBES.get(i), new SparseVector())).containsExactly(first[i]);
    }
  }

  @Test
  void needsAtLeastTwoLabels() {
    assertThatThrownBy(
            () -> TopicModel.train(List.of(new LabeledText("a bill", "billing")), null, ModelSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two labels");
  }

  static double[] probabilities(TopicModel model, String text) {
    return scores(model, text, new SparseVector());
  }

  static double[] scores(TopicModel model, String text, SparseVector scratch) {
    AnalyzedText analyzed = model.newAnalyzedText();
    try (TextAnalyzer analyzer = new TextAnalyzer()) {
      Language l = new LanguageDetector().detect(text);
      analyzer.analyze(text, l == Language.UNKNOWN ? model.dominantLanguage() : l, analyzed);
    }
    double[] out = new double[model.labels().size()];
    model.probabilities(analyzed, scratch, out);
    return out;
  }

  static Path fixture(String name) {
    try {
      return Path.of(TopicModelTest.class.getResource("/classify/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
