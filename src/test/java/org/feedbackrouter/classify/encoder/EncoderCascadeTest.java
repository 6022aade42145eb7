package org.feedbackrouter.classify.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.feedbackrouter.classify.ClassifierSettings;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.classify.Language;
import org.feedbackrouter.classify.PriorityRules;
import org.feedbackrouter.classify.Taxonomy;
import org.feedbackrouter.classify.TopicMatch;
import org.feedbackrouter.classify.TopicModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The switch, with the real bundled encoder: which texts reach it, and what it does to the scores. */
class EncoderCascadeTest {

  static final String TEXT = "there is a double charge on my statement";
  static SentenceEncoder encoder;
  static EncoderHead head;

  @BeforeAll
  static void load() {
    encoder = SentenceEncoder.bundled();
    head = EncoderHead.train(encoder, EncoderFixtures.TRAIN, EncoderFixtures.LABELS, 4, 42);
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void offNeverAsksTheEncoder() {
    EncoderCascade cascade = new EncoderCascade(encoder, head, EncoderMode.OFF, 1.0);
    double[] p = {0.1, 0.1, 0.1};
    long before = encoder.embedded();
    assertThat(cascade.refine(TEXT, Language.EN, p)).isFalse();
    assertThat(encoder.embedded()).isEqualTo(before);
    assertThat(p).containsExactly(0.1, 0.1, 0.1);
  }

  @Test
  void allAsksForEveryTextInItsLanguagesEvenAConfidentOne() {
    EncoderCascade cascade = new EncoderCascade(encoder, head, EncoderMode.ALL, 0.5);
    long before = encoder.embedded();
    assertThat(cascade.refine(TEXT, Language.EN, new double[] {0.01, 0.99, 0.01})).isTrue();
    assertThat(cascade.refine("me cobraron dos veces la factura", Language.ES, new double[] {0.1, 0.1, 0.1}))
        .isFalse();
    assertThat(encoder.embedded()).isEqualTo(before + 1);
    assertThat(cascade.asked()).isEqualTo(1);
    assertThat(cascade.seen()).isEqualTo(2);
  }

  @Test
  void uncertainAsksOnlyBelowTheThresholdAndAveragesTheTwoOpinions() {
    EncoderCascade cascade = new EncoderCascade(encoder, head, EncoderMode.UNCERTAIN, 0.6);
    long before = encoder.embedded();
    double[] confident = {0.05, 0.6, 0.05};
    assertThat(cascade.refine(TEXT, Language.EN, confident)).isFalse();
    assertThat(confident).containsExactly(0.05, 0.6, 0.05);
    assertThat(encoder.embedded()).isEqualTo(before);

    double[] unsure = {0.05, 0.59, 0.05};
    assertThat(cascade.refine(TEXT, Language.EN, unsure)).isTrue();
    assertThat(encoder.embedded()).isEqualTo(before + 1);
    double[] second = new double[3];
    head.probabilities(encoder.embed(TEXT), second);
    assertThat(second[0]).as("the head reads the text as billing").isGreaterThan(0.5);
    for (int k = 0; k < 3; k++) {
      assertThat(unsure[k]).isCloseTo((new double[] {0.05, 0.59, 0.05}[k] + second[k]) / 2,
          org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void theClassifierScoresTopicsWithTheCascadesRevisedProbabilities() {
    TopicModel model = TopicModel.train(EncoderFixtures.TRAIN, null,
        org.feedbackrouter.classify.ModelSettings.defaults());
    EncoderHead modelHead = EncoderHead.train(encoder, EncoderFixtures.TRAIN, model.labels(), 4, 42);
    Taxonomy taxonomy = Taxonomy.forLabels(model.labels());
    FeedbackClassifier off = FeedbackClassifier.create(
        taxonomy, model, PriorityRules.defaults(), ClassifierSettings.defaults(), null);
    EncoderCascade all = new EncoderCascade(encoder, modelHead, EncoderMode.ALL, 0);
    FeedbackClassifier with = FeedbackClassifier.create(
        taxonomy, model, PriorityRules.defaults(), ClassifierSettings.defaults(), all);
    String text = "the program on my smartphone keeps shutting down by itself";

    TopicMatch lexical = off.classify(text, "en", null, null, null).topics().get(0);
    TopicMatch revised = with.classify(text, "en", null, null, null).topics().get(0);
    double[] second = new double[model.labels().size()];
    modelHead.probabilities(encoder.embed(text), second);
    assertThat(revised.topic()).isEqualTo("app");
    assertThat(revised.score()).isCloseTo(
        (lexical.score() + second[model.labels().indexOf(revised.topic())]) / 2,
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(revised.score()).isNotCloseTo(lexical.score(), org.assertj.core.data.Offset.offset(1e-3));
    assertThat(all.asked()).isEqualTo(1);
    with.classify("la aplicación se cierra sola en el móvil", "es", null, null, null);
    assertThat(all.asked()).as("Spanish stays lexical with an English encoder").isEqualTo(1);
  }

  @Test
  void aHeadOverOtherLabelsIsRefused() {
    TopicModel model = TopicModel.train(EncoderFixtures.TRAIN, null,
        org.feedbackrouter.classify.ModelSettings.defaults());
    List<String> reversed = new java.util.ArrayList<>(model.labels());
    java.util.Collections.reverse(reversed);
    EncoderHead other = EncoderHead.train(encoder, EncoderFixtures.TRAIN, reversed, 4, 42);
    EncoderCascade cascade = new EncoderCascade(encoder, other, EncoderMode.ALL, 0);
    assertThatThrownBy(() -> FeedbackClassifier.create(Taxonomy.forLabels(model.labels()), model,
            PriorityRules.defaults(), ClassifierSettings.defaults(), cascade))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels");
  }
}
