package org.feedbackrouter.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.feedbackrouter.classify.Classification;
import org.feedbackrouter.classify.ClassifierSettings;
import org.feedbackrouter.classify.Evaluation;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.classify.LabeledText;
import org.feedbackrouter.classify.LabeledTextCsv;
import org.feedbackrouter.classify.ModelSettings;
import org.feedbackrouter.classify.PriorityRules;
import org.feedbackrouter.classify.Taxonomy;
import org.feedbackrouter.classify.TopicModel;

/**
 * How the model settings and the threshold were chosen: trains on one CSV with the given settings
 * and prints, for a sweep of thresholds, the figures of {@code taxonomy evaluate} on a validation
 * CSV (never the test split). One training per run; the sweep reuses its scores.
 *
 * <p>Run: {@code java -cp ... org.feedbackrouter.bench.ClassifyTuning TRAIN VAL OOS_LABEL [key=value...]}
 * with the names of {@link ModelSettings}'s components.
 */
public final class ClassifyTuning {

  private ClassifyTuning() {}

  public static void main(String[] args) throws Exception {
    List<LabeledText> train = LabeledTextCsv.read(Path.of(args[0]));
    List<LabeledText> val = LabeledTextCsv.read(Path.of(args[1]));
    String oos = args[2];
    ModelSettings settings = ModelSettings.defaults();
    for (int i = 3; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      settings = with(settings, kv[0], kv[1]);
    }
    long start = System.nanoTime();
    TopicModel model = TopicModel.train(train, oos, settings);
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    LinkedHashSet<String> topics = new LinkedHashSet<>(model.labels());
    topics.remove(oos);
    // A low threshold and one topic: the best label and its score, thresholded below.
    ClassifierSettings low =
        new ClassifierSettings(1e-6, 1e-6, 1.0, 1, ClassifierSettings.defaults().defaultLanguage(), settings);
    FeedbackClassifier classifier =
        FeedbackClassifier.create(Taxonomy.forLabels(topics), model, PriorityRules.defaults(), low);
    List<String> gold = new ArrayList<>();
    List<String> best = new ArrayList<>();
    List<Double> score = new ArrayList<>();
    for (LabeledText t : val) {
      Classification c = classifier.classify(t.text(), t.language().code(), null, null, null);
      gold.add(t.label());
      best.add(c.primaryTopic());
      score.add(c.topics().isEmpty() ? 0 : c.topics().get(0).score());
    }
    System.out.printf(Locale.ROOT, "%s features=%d train_s=%.1f%n", settings, model.featureCount(), trainSeconds);
    for (double threshold = 0.20; threshold < 0.651; threshold += 0.05) {
      List<String> predicted = new ArrayList<>();
      for (int i = 0; i < best.size(); i++) {
        predicted.add(score.get(i) >= threshold ? best.get(i) : Classification.UNCLASSIFIED);
      }
      Evaluation e = Evaluation.of(gold, predicted, oos);
      System.out.printf(
          Locale.ROOT,
          "threshold=%.2f accuracy=%.4f macro_f1=%.4f in_scope_accuracy=%.4f oos_recall=%.4f%n",
          threshold, e.accuracy(), e.macroF1(), e.inScopeAccuracy(), e.outOfScopeRecall());
    }
  }

  private static ModelSettings with(ModelSettings s, String key, String value) {
    int minGram = s.minGram();
    int maxGram = s.maxGram();
    int skipWindow = s.skipWindow();
    double charWeight = s.charWeight();
    double cost = s.cost();
    double holdout = s.holdout();
    long seed = s.seed();
    switch (key) {
      case "minGram" -> minGram = Integer.parseInt(value);
      case "maxGram" -> maxGram = Integer.parseInt(value);
      case "skipWindow" -> skipWindow = Integer.parseInt(value);
      case "charWeight" -> charWeight = Double.parseDouble(value);
      case "cost" -> cost = Double.parseDouble(value);
      case "holdout" -> holdout = Double.parseDouble(value);
      case "seed" -> seed = Long.parseLong(value);
      default -> throw new IllegalArgumentException("unknown setting " + key);
    }
    return new ModelSettings(minGram, maxGram, skipWindow, charWeight, cost, holdout, seed);
  }


}
