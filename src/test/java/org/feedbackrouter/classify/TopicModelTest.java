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
    TopicModel model = TopicModel.train(Taxonomy.defaults(), ModelSettings.defaults());
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
  void fastScoringEqualsThePlainSumOverEveryFeature() {
    // Scoring takes shortcuts (cached character n-grams per word, several rows per pass, float
    // sums); training scores a text as one sparse vector times the weights. They must agree.
    TopicModel model = TopicModel.train(Taxonomy.defaults(), ModelSettings.defaults());
    List<String> texts = new java.util.ArrayList<>(PROBES);
    texts.add(
        "Me han cobrado dos veces la factura de este mes y cuando llamé a atención al cliente me tuvieron"
            + " cuarenta minutos esperando. Quiero que me devuelvan el dinero cuanto antes, por favor.");
    texts.add(
        "I was charged twice for my bill this month and when I called customer service I was on hold for"
            + " forty minutes. I want my money back as soon as possible, this is not acceptable at all.");
    SparseVector shared = new SparseVector();
    for (String text : texts) {
      Language language = model.dominantLanguage();
      double[] fast = new double[model.labels().size()];
      model.decisionValues(analyzed(model, text, language, false), shared, fast);
      double[] plain = plainDecisionValues(model, analyzed(model, text, language, true));
      for (int k = 0; k < fast.length; k++) {
        assertThat(fast[k]).as("label %d of %s", k, text).isCloseTo(plain[k], org.assertj.core.api.Assertions.within(1e-5));
      }
    }
  }

  /** The decision values as training defines them: every feature of the text, one dot product per label. */
  private static double[] plainDecisionValues(TopicModel model, AnalyzedText listed) {
    SparseVector v = new SparseVector();
    v.clear(model.featureCount());
    new Featurizer(model.settings().skipWindow())
        .featurize(
            listed,
            (group, hash) -> {
              int row = model.row(hash);
              if (row != FeatureSpace.UNKNOWN) {
                v.add(row, group);
              }
            });
    v.weigh(model.idf(), model.settings().charWeight());
    double[] out = new double[model.labels().size()];
    for (int k = 0; k < out.length; k++) {
      double s = model.bias(k);
      for (int i = 0; i < v.size; i++) {
        s += v.values[i] * model.weight(v.rows[i], k);
      }
      out[k] = s;
    }
    return out;
  }

  private static AnalyzedText analyzed(TopicModel model, String text, Language language, boolean listGrams) {
    ModelSettings s = model.settings();
    AnalyzedText analyzed = new AnalyzedText(s.minGram(), s.maxGram(), listGrams);
    try (TextAnalyzer analyzer = new TextAnalyzer()) {
      analyzer.analyze(text, language, analyzed);
    }
    return analyzed;
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
