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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link TopicModel} with LIBLINEAR (the pure-Java port, de.bwaldvogel:liblinear): an
 * L2-regularised L2-loss linear SVM per label, one-vs-rest, solved in the dual. LIBLINEAR is the
 * solver behind scikit-learn's LinearSVC, fast on sparse high-dimensional text features, and takes
 * a seeded random source, so training is reproducible.
 *
 * <p>Scores become probabilities by Platt scaling: a first model trained without a stratified
 * held-out share of the data scores that share, a logistic fit maps decision values to the chance
 * of being right, and the final model is trained on everything.
 */
final class TopicModelTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(TopicModelTrainer.class);
  private static final double EPSILON = 0.1;
  // The held-out model only has to rank and scale decision values for calibration, so a looser
  // stopping tolerance saves time where little accuracy is at stake.
  private static final double CALIBRATION_EPSILON = 0.5;
  private static final double DEFAULT_PLATT_SLOPE = 4;

  static {
    // LIBLINEAR prints progress to stdout unless told otherwise.
    Linear.setDebugOutput(null);
  }

  private final ModelSettings settings;
  private final LanguageDetector detector = new LanguageDetector();

  TopicModelTrainer(ModelSettings settings) {
    this.settings = settings;
  }

  TopicModel train(List<LabeledText> data, String outOfScopeLabel) {
    List<String> labels = new ArrayList<>(new TreeSet<>(data.stream().map(LabeledText::label).toList()));
    if (labels.size() < 2) {
      throw new IllegalArgumentException("need examples of at least two labels, got " + labels);
    }
    long start = System.nanoTime();
    Language dominant = dominantLanguage(data);
    Docs docs = featurize(data, labels, dominant);
    int distinct = distinctFeatures(docs);
    int bits = bucketBits(distinct);
    int[] all = new int[docs.size()];
    Arrays.setAll(all, i -> i);
    int[][] split = HoldoutSplit.stratified(docs.label, labels.size(), settings.holdout(), settings.seed());
    double[] platt = {DEFAULT_PLATT_SLOPE, 0};
    if (split[1].length > 0) {
      Trained first = fit(docs, split[0], labels.size(), bits, distinct, CALIBRATION_EPSILON);
      platt = fitPlatt(first, docs, split[1], labels.size());
    }
    Trained full = fit(docs, all, labels.size(), bits, distinct, EPSILON);
    LOG.debug(
        "trained {} labels on {} texts, {} features, platt a={} b={}, in {} ms",
        labels.size(), docs.size(), full.space.rows(), platt[0], platt[1],
        (System.nanoTime() - start) / 1_000_000);
    return new TopicModel(
        labels, outOfScopeLabel, settings, dominant, full.space, full.idf, full.weights, full.bias,
        platt[0], platt[1]);
  }

  /** Feature hashes per text, computed once and shared by both fits. */
  private record Docs(long[][] hashes, byte[][] groups, int[] label) {
    int size() {
      return label.length;
    }
  }

  private record Trained(FeatureSpace space, float[] idf, float[] weights, float[] bias) {}

  private Language dominantLanguage(List<LabeledText> data) {
    Map<Language, Integer> counts = new EnumMap<>(Language.class);
    for (LabeledText t : data) {
      Language l = t.language() != Language.UNKNOWN ? t.language() : detector.detect(t.text());
      counts.merge(l, 1, Integer::sum);
    }
    return counts.getOrDefault(Language.EN, 0) > counts.getOrDefault(Language.ES, 0)
        ? Language.EN
        : Language.ES;
  }

  private Docs featurize(List<LabeledText> data, List<String> labels, Language dominant) {
    Featurizer featurizer = new Featurizer(settings.skipWindow());
    AnalyzedText analyzed = new AnalyzedText(settings.minGram(), settings.maxGram(), true);
    HashCollector collector = new HashCollector();
    long[][] hashes = new long[data.size()][];
    byte[][] groups = new byte[data.size()][];
    int[] label = new int[data.size()];
    try (TextAnalyzer analyzer = new TextAnalyzer()) {
      for (int i = 0; i < data.size(); i++) {
        LabeledText t = data.get(i);
        Language lang = t.language() != Language.UNKNOWN ? t.language() : detector.detect(t.text());
        analyzed.clear();
        analyzer.analyze(t.text(), lang == Language.UNKNOWN ? dominant : lang, analyzed);
        collector.size = 0;
        featurizer.featurize(analyzed, collector);
        hashes[i] = Arrays.copyOf(collector.hashes, collector.size);
        groups[i] = Arrays.copyOf(collector.groups, collector.size);
        label[i] = labels.indexOf(t.label());
      }
    }
    return new Docs(hashes, groups, label);
  }

  /** Collects the feature hashes of one text. */
  private static final class HashCollector implements Featurizer.Sink {
    long[] hashes = new long[1024];
    byte[] groups = new byte[1024];
    int size;

    @Override
    public void accept(FeatureGroup group, long hash) {
      if (size == hashes.length) {
        hashes = Arrays.copyOf(hashes, size * 2);
        groups = Arrays.copyOf(groups, size * 2);
      }
      hashes[size] = hash;
      groups[size++] = (byte) group.ordinal();
    }
  }

  private static int distinctFeatures(Docs docs) {
    Set<Long> distinct = new HashSet<>();
    for (long[] h : docs.hashes) {
      for (long x : h) {
        distinct.add(x);
      }
    }
    return distinct.size();
  }

  /** Enough buckets that distinct features rarely share one. */
  private static int bucketBits(int distinct) {
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, distinct * 4L));
    return Math.max(12, Math.min(24, bits));
  }

  private Trained fit(Docs docs, int[] subset, int labels, int bits, int distinct, double epsilon) {
    FeatureSpace space = new FeatureSpace(bits, distinct);
    SparseVector v = new SparseVector();
    int[][] rows = new int[subset.length][];
    double[][] counts = new double[subset.length][];
    byte[][] groups = new byte[subset.length][];
    int[] df = new int[1024];
    for (int d = 0; d < subset.length; d++) {
      collect(docs, subset[d], space, true, v);
      rows[d] = Arrays.copyOf(v.rows, v.size);
      counts[d] = Arrays.copyOf(v.values, v.size);
      groups[d] = Arrays.copyOf(v.groups, v.size);
      if (df.length < space.rows()) {
        df = Arrays.copyOf(df, Math.max(space.rows(), df.length * 2));
      }
      for (int i = 0; i < v.size; i++) {
        df[v.rows[i]]++;
      }
    }
    int nRows = space.rows();
    // Smoothed inverse document frequency, as scikit-learn's TfidfVectorizer computes it.
    float[] idf = new float[nRows];
    for (int r = 0; r < nRows; r++) {
      idf[r] = (float) (Math.log((1.0 + subset.length) / (1.0 + df[r])) + 1);
    }
    Problem problem = new Problem();
    problem.l = subset.length;
    problem.n = nRows + 1;
    problem.bias = 1;
    problem.x = new Feature[subset.length][];
    problem.y = new double[subset.length];
    for (int d = 0; d < subset.length; d++) {
      v.set(rows[d], counts[d], groups[d]);
      v.weigh(idf, settings.charWeight());
      problem.x[d] = toFeatures(v, nRows + 1);
      problem.y[d] = docs.label[subset[d]];
    }
    float[] weights = new float[nRows * labels];
    float[] bias = new float[labels];
    // One binary problem per label, solved in parallel; each has its own seeded random source, so
    // the result does not depend on thread scheduling.
    IntStream.range(0, labels)
        .parallel()
        .forEach(k -> trainOneVsRest(problem, docs, subset, k, nRows, labels, weights, bias, epsilon));
    return new Trained(space, idf, weights, bias);
  }

  private void trainOneVsRest(
      Problem shared,
      Docs docs,
      int[] subset,
      int k,
      int nRows,
      int labels,
      float[] weights,
      float[] bias,
      double epsilon) {
    Problem problem = new Problem();
    problem.l = shared.l;
    problem.n = shared.n;
    problem.bias = shared.bias;
    problem.x = shared.x;
    problem.y = new double[shared.l];
    boolean any = false;
    for (int d = 0; d < subset.length; d++) {
      boolean positive = docs.label[subset[d]] == k;
      problem.y[d] = positive ? 1 : -1;
      any |= positive;
    }
    if (!any) {
      // A label absent from this subset never wins.
      bias[k] = -10;
      return;
    }
    Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, settings.cost(), epsilon);
    parameter.setRandom(new Random(settings.seed() * 31 + k));
    Model model = Linear.train(problem, parameter);
    double[] w = model.getFeatureWeights();
    double sign = model.getLabels()[0] == 1 ? 1 : -1;
    for (int r = 0; r < nRows; r++) {
      weights[r * labels + k] = (float) (sign * w[r]);
    }
    bias[k] = (float) (sign * w[nRows]);
  }

  private static void collect(Docs docs, int doc, FeatureSpace space, boolean grow, SparseVector v) {
    v.clear(space.rows() + docs.hashes[doc].length);
    long[] h = docs.hashes[doc];
    byte[] g = docs.groups[doc];
    for (int i = 0; i < h.length; i++) {
      int row = grow ? space.rowOrAdd(h[i]) : space.row(h[i]);
      if (row != FeatureSpace.UNKNOWN) {
        v.add(row, FeatureGroup.ALL[g[i]]);
      }
    }
  }

  private static Feature[] toFeatures(SparseVector v, int biasIndex) {
    Feature[] f = new Feature[v.size + 1];
    for (int i = 0; i < v.size; i++) {
      f[i] = new FeatureNode(v.rows[i] + 1, v.values[i]);
    }
    Arrays.sort(f, 0, v.size, Comparator.comparingInt(Feature::getIndex));
    f[v.size] = new FeatureNode(biasIndex, 1);
    return f;
  }

  /**
   * Logistic fit of P(the best label is right) on the best decision value of each held-out text,
   * so a threshold of 0.5 means "more likely right than wrong" whatever the number of labels.
   */
  private double[] fitPlatt(Trained model, Docs docs, int[] held, int labels) {
    SparseVector v = new SparseVector();
    double[] margins = new double[held.length];
    boolean[] right = new boolean[held.length];
    for (int d = 0; d < held.length; d++) {
      collect(docs, held[d], model.space, false, v);
      v.weigh(model.idf, settings.charWeight());
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < labels; k++) {
        double s = model.bias[k];
        for (int i = 0; i < v.size; i++) {
          s += v.values[i] * model.weights[v.rows[i] * labels + k];
        }
        if (s > bestScore) {
          bestScore = s;
          best = k;
        }
      }
      margins[d] = bestScore;
      right[d] = best == docs.label[held[d]];
    }
    return PlattScaling.fit(margins, right, settings.seed(), DEFAULT_PLATT_SLOPE);
  }
}
