package org.feedbackrouter.classify;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.feedbackrouter.avro.Sentiment;

/**
 * Trains a {@link SentimentModel}. Not thread-safe: one trainer per thread.
 *
 * <p>Trains: L2-regularised logistic regression (LIBLINEAR, one-vs-rest) on
 * hashed word features and the lexicon's features. The data's order is shuffled with the seed and
 * the solver takes a random source from it, so one seed gives one model.
 */
public final class SentimentModelTrainer {

  static {
    // LIBLINEAR prints progress to stdout unless told otherwise.
    Linear.setDebugOutput(null);
  }

  private static final double COST = 4;
  private static final double EPSILON = 0.01;

  private final long seed;
  private final LanguageDetector detector = new LanguageDetector();
  private final SentimentScorer scorer = new SentimentScorer(SentimentLexicon.fromClasspath());
  private final Featurizer featurizer = new Featurizer(SentimentModel.SKIP_WINDOW);
  private final TextAnalyzer analyzer = new TextAnalyzer();
  private final AnalyzedText analyzed = new AnalyzedText(1, 0, false);

  public SentimentModelTrainer(long seed) {
    this.seed = seed;
  }

  /** Labels must be sentiment names (any case); at least two distinct ones. */
  public SentimentModel train(List<LabeledText> data) {
    List<Sentiment> labels = new ArrayList<>(new TreeSet<>(data.stream().map(t -> label(t)).toList()));
    if (labels.size() < 2) {
      throw new IllegalArgumentException("need texts of at least two sentiments, got " + labels);
    }
    List<LabeledText> shuffled = new ArrayList<>(data);
    Collections.shuffle(shuffled, new Random(seed));
    List<int[]> buckets = new ArrayList<>();
    List<double[]> lexicon = new ArrayList<>();
    TreeMap<Integer, Integer> rowOfBucket = new TreeMap<>();
    double[] y = new double[shuffled.size()];
    {
      for (int i = 0; i < shuffled.size(); i++) {
        LabeledText t = shuffled.get(i);
        Language lang = language(t);
        analyzed.clear();
        analyzer.analyze(t.text(), lang, analyzed);
        int[] b = SentimentModel.buckets(analyzed, featurizer);
        for (int x : b) {
          rowOfBucket.putIfAbsent(x, 0);
        }
        buckets.add(b);
        lexicon.add(SentimentModel.lexiconFeatures(scorer.score(t.text(), lang)));
        y[i] = labels.indexOf(label(t));
      }
    }
    int r = 0;
    for (var e : rowOfBucket.entrySet()) {
      e.setValue(++r);
    }
    int nFeatures = r + SentimentModel.LEXICON_FEATURES;
    Feature[][] x = new Feature[shuffled.size()][];
    for (int i = 0; i < x.length; i++) {
      int[] b = buckets.get(i);
      double norm = b.length == 0 ? 1 : 1 / Math.sqrt(b.length);
      List<Feature> row = new ArrayList<>(b.length + SentimentModel.LEXICON_FEATURES);
      for (int bucket : b) {
        row.add(new FeatureNode(rowOfBucket.get(bucket), norm));
      }
      double[] lex = lexicon.get(i);
      for (int j = 0; j < lex.length; j++) {
        if (lex[j] != 0) {
          row.add(new FeatureNode(r + 1 + j, lex[j]));
        }
      }
      x[i] = row.toArray(Feature[]::new);
    }
    Problem problem = new Problem();
    problem.l = x.length;
    problem.n = nFeatures;
    problem.x = x;
    problem.y = y;
    problem.bias = -1;
    Parameter parameter = new Parameter(SolverType.L2R_LR, COST, EPSILON);
    parameter.setRandom(new Random(seed));
    Model model = Linear.train(problem, parameter);
    return toModel(model, labels, rowOfBucket, r);
  }

  private static SentimentModel toModel(
      Model model, List<Sentiment> labels, TreeMap<Integer, Integer> rowOfBucket, int rows) {
    int nLabels = labels.size();
    int[] order = model.getLabels();
    double[] w = model.getFeatureWeights();
    int stride = nLabels == 2 ? 1 : nLabels;
    // The weight of feature f (1-based) for our label k.
    java.util.function.BiFunction<Integer, Integer, Float> weight = (f, k) -> {
      if (nLabels == 2) {
        double v = w[f - 1];
        // LIBLINEAR's single vector scores its first label positive.
        return (float) (order[0] == k ? v : -v);
      }
      int column = Arrays.stream(order).boxed().toList().indexOf(k);
      return (float) w[(f - 1) * stride + column];
    };
    TreeMap<Integer, float[]> byBucket = new TreeMap<>();
    for (var e : rowOfBucket.entrySet()) {
      float[] v = new float[nLabels];
      boolean any = false;
      for (int k = 0; k < nLabels; k++) {
        v[k] = weight.apply(e.getValue(), k);
        any |= v[k] != 0;
      }
      if (any) {
        byBucket.put(e.getKey(), v);
      }
    }
    float[] lex = new float[SentimentModel.LEXICON_FEATURES * nLabels];
    for (int j = 0; j < SentimentModel.LEXICON_FEATURES; j++) {
      for (int k = 0; k < nLabels; k++) {
        lex[j * nLabels + k] = weight.apply(rows + 1 + j, k);
      }
    }
    return SentimentModel.fromBuckets(labels, byBucket, lex);
  }

  /** The sentiment a labelled text names; IllegalArgumentException when it names none. */
  public static Sentiment label(LabeledText t) {
    try {
      return Sentiment.valueOf(t.label().strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("label '" + t.label() + "' is not negative, neutral, positive or mixed");
    }
  }

  /**
   * The label survey scores give a text, as the classifier reads them (their mean band), or null
   * when no score is valid.
   */
  public static Sentiment labelOfScores(Integer nps, Integer csat, Integer ces) {
    return SentimentResolver.ofScores(new SurveyScores(nps, csat, ces));
  }

  Language language(LabeledText t) {
    Language l = t.language() != Language.UNKNOWN ? t.language() : detector.detect(t.text());
    return l == Language.UNKNOWN ? Language.ES : l;
  }

  /** The model's verdict on a text, as the classifier would give it without survey scores. */
  public Sentiment predict(SentimentModel model, LabeledText t) {
    Language lang = language(t);
    analyzed.clear();
    analyzer.analyze(t.text(), lang, analyzed);
    return model.predict(analyzed, scorer.score(t.text(), lang));
  }

  /** The lexicon's verdict on a text, for comparison. */
  public Sentiment lexiconVerdict(LabeledText t) {
    return SentimentResolver.ofText(scorer.score(t.text(), language(t)));
  }
}
