package org.feedbackrouter.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Sentiment;
import org.feedbackrouter.classify.encoder.EncoderCascade;
import org.feedbackrouter.redact.Redactor;

/**
 * Classifies one feedback: redacts it, detects its language, scores every topic with the
 * taxonomy's rules and the trained model, and derives sentiment and priority. Plain Java, no Kafka.
 *
 * <p>{@link TopicDecision} turns the rule scores and the model's calibrated probabilities into topics.
 *
 * <p>Thread-safe. Per-call working arrays live in a per-thread scratch object, so a call allocates
 * little beyond its result.
 */
public final class FeedbackClassifier {

  private final Taxonomy taxonomy;
  private final TopicModel model;
  private final PriorityRules priorityRules;
  // Null: the lexicon decides the text's sentiment.
  private final SentimentModel sentimentModel;
  private final ClassifierSettings settings;
  // Second opinion of a sentence encoder on the model's uncertain texts; null when off.
  private final EncoderCascade cascade;
  private final Redactor redactor = Redactor.defaults();
  private final LanguageDetector detector;
  private final TextAnalyzer analyzer = new TextAnalyzer();
  private final RuleMatcher rules;
  private final SentimentScorer sentimentScorer;
  private final List<TaxonomyTopic> topics;
  // Topic index of each model label; -1 for the out-of-scope label.
  private final int[] topicOfLabel;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(this::newScratch);

  private FeedbackClassifier(Taxonomy taxonomy, TopicModel model, PriorityRules priorityRules,
      ClassifierSettings settings, SentimentModel sentimentModel, EncoderCascade cascade) {
    this.sentimentModel = sentimentModel;
    this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    this.model = model;
    this.priorityRules = Objects.requireNonNull(priorityRules, "priorityRules");
    // Rules are weighed against a model; without one they are all the evidence there is.
    this.settings = model == null ? settings.withRuleWeight(1) : Objects.requireNonNull(settings, "settings");
    this.topics = taxonomy.topics();
    this.detector = new LanguageDetector(taxonomy.examples());
    this.rules = new RuleMatcher(topics, analyzer);
    this.sentimentScorer = new SentimentScorer(SentimentLexicon.fromClasspath());
    if (model == null) {
      topicOfLabel = new int[0];
    } else {
      List<String> ids = topics.stream().map(TaxonomyTopic::id).toList();
      topicOfLabel = new int[model.labels().size()];
      List<String> unknown = new ArrayList<>();
      for (int k = 0; k < topicOfLabel.length; k++) {
        String label = model.labels().get(k);
        topicOfLabel[k] = model.isOutOfScope(k) ? -1 : ids.indexOf(label);
        if (!model.isOutOfScope(k) && topicOfLabel[k] < 0) {
          unknown.add(label);
        }
      }
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("model labels not in the taxonomy: " + unknown);
      }
    }
    if (cascade != null && (model == null || !cascade.labels().equals(model.labels()))) {
      throw new IllegalArgumentException("the encoder head's labels must be the model's, in its order");
    }
    this.cascade = cascade;
  }

  /** The default taxonomy, a model trained on its examples, and the default priority rules. */
  public static FeedbackClassifier withDefaults() {
    Taxonomy taxonomy = Taxonomy.defaults();
    ClassifierSettings settings = ClassifierSettings.defaults();
    return create(
        taxonomy, TopicModel.train(taxonomy, settings.model()), PriorityRules.defaults(), settings);
  }

  /** A classifier with the given parts; without a model, only the rules find topics. */
  public static FeedbackClassifier create(
      Taxonomy taxonomy, TopicModel modelOrNull, PriorityRules rules, ClassifierSettings settings) {
    return new FeedbackClassifier(taxonomy, modelOrNull, rules, settings, null, null);
  }

  /** As above, with a sentence encoder's second opinion on the model's uncertain texts (null: none). */
  public static FeedbackClassifier create(Taxonomy taxonomy, TopicModel model, PriorityRules rules,
      ClassifierSettings settings, EncoderCascade cascadeOrNull) {
    return new FeedbackClassifier(taxonomy, model, rules, settings, null, cascadeOrNull);
  }

  /** The encoder cascade, or null when the classifier has none. */
  public EncoderCascade cascade() {
    return cascade;
  }

  /** The same taxonomy, model and rules with other settings (bars), e.g. to trace a precision-recall curve. */
  public FeedbackClassifier withSettings(ClassifierSettings other) {
    return new FeedbackClassifier(taxonomy, model, priorityRules, other, sentimentModel, cascade);
  }

  /** This classifier with a trained sentiment model (null: the lexicon decides) and other priority rules. */
  public FeedbackClassifier with(SentimentModel sentimentModelOrNull, PriorityRules rules) {
    return new FeedbackClassifier(taxonomy, model, rules, settings, sentimentModelOrNull, cascade);
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  /**
   * Classifies a feedback text. Never throws on odd input: a null text counts as empty, and
   * out-of-range scores are ignored.
   *
   * @param languageHintOrNull the language the event declares ("es", "en-GB"...), if any
   */
  public Classification classify(
      String text, String languageHintOrNull, Integer npsOrNull, Integer csatOrNull, Integer cesOrNull) {
    return run(text, languageHintOrNull, new SurveyScores(npsOrNull, csatOrNull, cesOrNull), null);
  }

  /** Classifies as {@link #classify} does, and says why: rules found, model scores, each topic's bar. */
  public Explanation explain(
      String text, String languageHintOrNull, Integer npsOrNull, Integer csatOrNull, Integer cesOrNull) {
    List<Explanation.TopicVerdict> verdicts = new ArrayList<>();
    Classification result =
        run(text, languageHintOrNull, new SurveyScores(npsOrNull, csatOrNull, cesOrNull), verdicts);
    Scratch s = scratch.get();
    List<Explanation.LabelScore> modelScores = new ArrayList<>();
    if (model != null) {
      Integer[] order = new Integer[s.labelScores.length];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Double.compare(s.labelScores[b], s.labelScores[a]));
      for (int i = 0; i < Math.min(5, order.length); i++) {
        modelScores.add(new Explanation.LabelScore(model.labels().get(order[i]), s.labelScores[order[i]]));
      }
    }
    verdicts.sort((a, b) -> Double.compare(b.score(), a.score()));
    return new Explanation(result, rules.hits(topics, s.rulesSeen), modelScores, verdicts);
  }

  private Classification run(
      String text, String languageHintOrNull, SurveyScores scores, List<Explanation.TopicVerdict> verdicts) {
    String redacted = redactor.redact(text == null ? "" : text);
    Language language = Language.fromHint(languageHintOrNull);
    if (language == Language.UNKNOWN) {
      language = detector.detect(redacted);
    }
    Language analysis = language != Language.UNKNOWN ? language : fallbackLanguage();

    Scratch s = scratch.get();
    s.text.clear();
    analyzer.analyze(redacted, analysis, s.text);

    rules.score(s.text, analysis, s.ruleScores, s.ruledOut, s.rulesSeen, s.lastRulePosition, s.lastRuleWeight);
    Arrays.fill(s.modelScores, 0);
    if (model != null) {
      model.probabilities(s.text, s.vector, s.labelScores);
      if (cascade != null) {
        cascade.refine(redacted, analysis, s.labelScores);
      }
      int best = argmax(s.labelScores);
      // When "none of these" wins, the model backs no topic; rules may still find one.
      if (topicOfLabel[best] >= 0) {
        for (int k = 0; k < topicOfLabel.length; k++) {
          if (topicOfLabel[k] >= 0) {
            s.modelScores[topicOfLabel[k]] = s.labelScores[k];
          }
        }
      }
    }
    List<TopicMatch> matches = TopicDecision.decide(topics, s.ruleScores, s.modelScores, s.ruledOut,
        settings, verdicts);
    String primary = matches.isEmpty() ? Classification.UNCLASSIFIED : matches.get(0).topic();

    TextSentiment textSentiment = sentimentScorer.score(redacted, analysis);
    Sentiment fromText = sentimentModel != null
        ? sentimentModel.predict(s.text, textSentiment) : SentimentResolver.ofText(textSentiment);
    Sentiment sentiment = SentimentResolver.resolve(fromText, textSentiment, scores);
    Priority priority = priorityRules.evaluate(
        matches, taxonomy::isCritical, scores, sentiment, textSentiment.negativity(), redacted);
    return new Classification(language.code(), redacted, matches, primary, sentiment, priority);
  }

  private Language fallbackLanguage() {
    return model != null ? model.dominantLanguage() : settings.defaultLanguage();
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private Scratch newScratch() {
    return new Scratch(
        model != null ? model.newAnalyzedText() : new AnalyzedText(1, 0, false),
        model != null ? model.labels().size() : 0,
        topics.size(),
        rules.ruleCount());
  }

  /** Working arrays of one thread. */
  private static final class Scratch {
    final AnalyzedText text;
    final SparseVector vector = new SparseVector();
    final double[] labelScores;
    final double[] modelScores;
    final double[] ruleScores;
    final boolean[] ruledOut;
    final boolean[] rulesSeen;
    final int[] lastRulePosition;
    final double[] lastRuleWeight;

    Scratch(AnalyzedText text, int labels, int topics, int ruleCount) {
      this.text = text;
      this.labelScores = new double[labels];
      this.modelScores = new double[topics];
      this.ruleScores = new double[topics];
      this.ruledOut = new boolean[topics];
      this.rulesSeen = new boolean[ruleCount];
      this.lastRulePosition = new int[topics];
      this.lastRuleWeight = new double[topics];
    }
  }
}
