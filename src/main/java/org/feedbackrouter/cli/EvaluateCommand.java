package org.feedbackrouter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.feedbackrouter.classify.CallEvaluation;
import org.feedbackrouter.classify.Classification;
import org.feedbackrouter.classify.ClassifierSettings;
import org.feedbackrouter.classify.Evaluation;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.classify.GoldText;
import org.feedbackrouter.classify.LabeledText;
import org.feedbackrouter.classify.LabeledTextFiles;
import org.feedbackrouter.classify.PriorityRules;
import org.feedbackrouter.classify.Taxonomy;
import org.feedbackrouter.classify.TaxonomyException;
import org.feedbackrouter.classify.TopicModel;
import org.feedbackrouter.classify.encoder.EncoderCascade;
import org.feedbackrouter.classify.encoder.EncoderMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taxonomy evaluate}: scores the classifier on a labelled CSV. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Score the classifier on a labelled CSV (--test; columns text and primary or label; optional topics,"
          + " sentiment, critical). With --train, a model trained on that CSV alone is scored, as on an intent"
          + " benchmark; without it, the taxonomy's classifier (bundled or --taxonomy, trained now or --model).",
      "The last line is machine-readable: accuracy=.. macro_f1=.. [in_scope_accuracy=.. oos_recall=..]"
          + " [primary_accuracy=.. topic_precision=.. topic_recall=.. unclassified_precision=.."
          + " unclassified_recall=.. sentiment_accuracy=.. p1_precision=.. p1_recall=..] per_s=.."
    })
final class EvaluateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--train", paramLabel = "FILE", description = "Training CSV (text,label): score a model of it alone.")
  Path train;

  @Option(names = "--test", required = true, paramLabel = "FILE", description = "Test CSV.")
  Path test;

  @Option(names = "--taxonomy", paramLabel = "FILE", description = "Taxonomy YAML, without --train (default: bundled).")
  Path taxonomyFile;

  @Option(names = "--model", paramLabel = "FILE", description = "Saved model, without --train (default: train now).")
  Path modelFile;

  @Option(
      names = "--oos-label",
      paramLabel = "LABEL",
      description = "Label of out-of-scope texts: never a topic; right when left unclassified"
          + " (default without --train: unclassified).")
  String oosLabel;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for training with --train (default 42).")
  long seed;

  @Option(names = "--threshold", paramLabel = "P",
      description = "Primary bar: least score to accept the best topic (default: the classifier's; 0.4 with --train).")
  Double threshold;

  @Option(names = "--secondary-threshold", paramLabel = "P",
      description = "Secondary bar: least score for any other topic (default: the classifier's).")
  Double secondaryThreshold;

  @Option(names = "--worst", defaultValue = "10", description = "How many worst labels to list.")
  int worst;

  @CommandLine.Mixin EncoderOptions encoder;

  private Double trainSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<GoldText> gold;
    FeedbackClassifier classifier;
    try {
      gold = GoldText.read(test);
      classifier = train != null ? trainOnFile(out) : fromTaxonomy();
    } catch (IllegalArgumentException | TaxonomyException | java.io.IOException e) {
      String message = String.valueOf(e.getMessage());
      err.println("cannot evaluate: " + (e instanceof java.io.IOException ? message.lines().findFirst().orElse("") : message));
      return 1;
    }
    String oos = oosLabel != null ? oosLabel : train == null ? Classification.UNCLASSIFIED : null;
    List<Classification> calls = new ArrayList<>(gold.size());
    long start = System.nanoTime();
    for (GoldText g : gold) {
      calls.add(classifier.classify(g.text(), g.language().code(), null, null, null));
    }
    double perSecond = gold.size() / Math.max((System.nanoTime() - start) / 1e9, 1e-9);
    Evaluation e = Evaluation.of(gold.stream().map(GoldText::primary).toList(),
        calls.stream().map(Classification::primaryTopic).toList(), oos);
    CallEvaluation c = CallEvaluation.of(gold, calls);
    EncoderCascade cascade = classifier.cascade();
    if (cascade != null) {
      out.printf(Locale.ROOT, "encoder %s (%s, t=%.2f): asked for %d of %d texts (encoder_asked=%.4f)%n",
          cascade.encoder().name(), cascade.mode().code(), cascade.threshold(), cascade.asked(), cascade.seen(),
          cascade.asked() / (double) Math.max(1, cascade.seen()));
    }
    EvaluationReport.print(out, e, worst);
    boolean rich = gold.get(0).topicsOrNull() != null || gold.get(0).sentimentOrNull() != null
        || gold.get(0).criticalOrNull() != null;
    if (rich) {
      EvaluationReport.print(out, c);
    }
    out.println(EvaluationReport.line(e) + (rich ? " " + c.line() : "")
        + (trainSeconds == null ? "" : String.format(Locale.ROOT, " train_s=%.1f", trainSeconds))
        + String.format(Locale.ROOT, " per_s=%.0f", perSecond));
    out.flush();
    return 0;
  }

  private ClassifierSettings settings() {
    ClassifierSettings d = ClassifierSettings.defaults();
    double p = threshold != null ? threshold : train != null ? ClassifierSettings.BENCHMARK_THRESHOLD : d.threshold();
    return d.withThresholds(p, secondaryThreshold != null ? secondaryThreshold : Math.max(p, d.secondaryThreshold()));
  }

  private FeedbackClassifier trainOnFile(PrintWriter out) throws java.io.IOException {
    List<LabeledText> data = LabeledTextFiles.read(train);
    ClassifierSettings settings = settings();
    long start = System.nanoTime();
    TopicModel model = TopicModel.train(data, oosLabel, settings.model().withSeed(seed));
    double seconds = (System.nanoTime() - start) / 1e9;
    trainSeconds = seconds;
    Set<String> topics = model.labels().stream().filter(l -> !l.equals(oosLabel))
        .collect(Collectors.toCollection(LinkedHashSet::new));
    out.printf(Locale.ROOT, "trained on %d texts, %d topics%s, %d features, in %.1f s%n", data.size(), topics.size(),
        oosLabel == null ? "" : " (+ out-of-scope '" + oosLabel + "')", model.featureCount(), seconds);
    Taxonomy taxonomy = Taxonomy.forLabels(topics);
    EncoderCascade cascade = EncoderCascade.train(encoder.settings(EncoderMode.OFF), taxonomy, data, model.labels(),
        settings.model().seed());
    return FeedbackClassifier.create(taxonomy, model, PriorityRules.defaults(), settings, cascade);
  }

  private FeedbackClassifier fromTaxonomy() {
    FeedbackClassifier c = Classifiers.create(Optional.ofNullable(taxonomyFile), Optional.ofNullable(modelFile),
        encoder.settings(EncoderMode.UNCERTAIN));
    return threshold == null && secondaryThreshold == null ? c : c.withSettings(settings());
  }
}
