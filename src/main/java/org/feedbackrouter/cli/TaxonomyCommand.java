package org.feedbackrouter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.feedbackrouter.classify.ClassifierSettings;
import org.feedbackrouter.classify.Evaluation;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.classify.LabeledText;
import org.feedbackrouter.classify.LabeledTextCsv;
import org.feedbackrouter.classify.ModelSettings;
import org.feedbackrouter.classify.PriorityRules;
import org.feedbackrouter.classify.Taxonomy;
import org.feedbackrouter.classify.TaxonomyException;
import org.feedbackrouter.classify.TaxonomyTopic;
import org.feedbackrouter.classify.TopicModel;
import org.feedbackrouter.classify.encoder.EncoderCascade;
import org.feedbackrouter.classify.encoder.EncoderSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code taxonomy validate FILE} and {@code taxonomy evaluate --train FILE --test FILE}. */
@Command(
    name = "taxonomy",
    mixinStandardHelpOptions = true,
    description = "Check a taxonomy file, or train and score the topic classifier on labelled CSVs.",
    subcommands = {TaxonomyCommand.Validate.class, TaxonomyCommand.Evaluate.class})
public final class TaxonomyCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Validate a taxonomy YAML file; lists every error with its path in the file.")
  static final class Validate implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The taxonomy YAML file.")
    Path file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        Taxonomy taxonomy = Taxonomy.load(file);
        long critical = taxonomy.topics().stream().filter(TaxonomyTopic::critical).count();
        out.printf(
            "%s: valid, %d topics (%d critical), %d examples%n",
            file, taxonomy.topics().size(), critical, taxonomy.examples().size());
        return 0;
      } catch (TaxonomyException e) {
        err.println(e.getMessage());
        return 1;
      } catch (java.io.UncheckedIOException e) {
        err.println(e.getMessage() + ": " + e.getCause().getMessage());
        return 1;
      }
    }
  }

  @Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      description = {
        "Train the topic model on one labelled CSV (columns text,label) and score it on another.",
        "The last line is machine-readable: accuracy=.. macro_f1=.. [in_scope_accuracy=.. ]"
            + "oos_recall=.. train_s=.. per_s=.."
      })
  static final class Evaluate implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training CSV.")
    Path train;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "Test CSV.")
    Path test;

    @Option(
        names = "--oos-label",
        paramLabel = "LABEL",
        description = "Label of out-of-scope texts: never a topic; right when left unclassified.")
    String oosLabel;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for training (default 42).")
    long seed;

    @Option(
        names = "--threshold",
        paramLabel = "P",
        description = "Least calibrated score to accept a topic (default ${DEFAULT-VALUE}).")
    double threshold = ClassifierSettings.DEFAULT_THRESHOLD;

    @Option(names = "--worst", defaultValue = "10", description = "How many worst labels to list.")
    int worst;

    @CommandLine.Mixin EncoderOptions encoder;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<LabeledText> trainData;
      List<LabeledText> testData;
      try {
        trainData = LabeledTextCsv.read(train);
        testData = LabeledTextCsv.read(test);
      } catch (IllegalArgumentException | java.io.IOException e) {
        spec.commandLine().getErr().println("cannot read labelled data: " + e.getMessage());
        return 1;
      }
      EncoderSettings encoderSettings;
      try {
        encoderSettings = encoder.settings();
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("invalid encoder option: " + e.getMessage());
        return 1;
      }
      ClassifierSettings settings =
          ClassifierSettings.defaults().withThreshold(threshold);
      ModelSettings modelSettings = settings.model().withSeed(seed);

      long start = System.nanoTime();
      TopicModel model = TopicModel.train(trainData, oosLabel, modelSettings);
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      Set<String> topics =
          model.labels().stream().filter(l -> !l.equals(oosLabel)).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
      Taxonomy taxonomy = Taxonomy.forLabels(topics);
      start = System.nanoTime();
      EncoderCascade cascade =
          EncoderCascade.train(encoderSettings, taxonomy, trainData, model.labels(), modelSettings.seed());
      double encoderSeconds = (System.nanoTime() - start) / 1e9;
      FeedbackClassifier classifier =
          FeedbackClassifier.create(taxonomy, model, PriorityRules.defaults(), settings, cascade);
      out.printf(
          Locale.ROOT,
          "trained on %d texts, %d topics%s, %d features, in %.1f s%n",
          trainData.size(),
          topics.size(),
          oosLabel == null ? "" : " (+ out-of-scope '" + oosLabel + "')",
          model.featureCount(),
          trainSeconds);

      List<String> gold = new ArrayList<>(testData.size());
      List<String> predicted = new ArrayList<>(testData.size());
      start = System.nanoTime();
      for (LabeledText t : testData) {
        predicted.add(classifier.classify(t.text(), t.language().code(), null, null, null).primaryTopic());
      }
      double scoreSeconds = (System.nanoTime() - start) / 1e9;
      for (LabeledText t : testData) {
        gold.add(t.label());
      }
      Evaluation e = Evaluation.of(gold, predicted, oosLabel);
      if (cascade != null) {
        out.printf(Locale.ROOT, "encoder %s (%s, t=%.2f): head trained in %.1f s; asked for %d of %d texts"
                + " (encoder_asked=%.4f)%n",
            cascade.encoder().name(), cascade.mode().code(), cascade.threshold(), encoderSeconds,
            cascade.asked(), cascade.seen(), cascade.asked() / (double) Math.max(1, cascade.seen()));
      }
      print(out, e, trainSeconds, testData.size() / Math.max(scoreSeconds, 1e-9));
      return 0;
    }

    private void print(PrintWriter out, Evaluation e, double trainSeconds, double perSecond) {
      out.printf(Locale.ROOT, "test texts:         %d%n", e.total());
      out.printf(Locale.ROOT, "accuracy:           %.4f%n", e.accuracy());
      out.printf(Locale.ROOT, "macro-F1:           %.4f%n", e.macroF1());
      if (e.inScopeAccuracy() != null) {
        out.printf(Locale.ROOT, "in-scope accuracy:  %.4f (%d texts)%n", e.inScopeAccuracy(), e.inScopeTotal());
      }
      if (e.outOfScopeRecall() != null) {
        out.printf(
            Locale.ROOT,
            "out-of-scope recall: %.4f (%d texts; share left unclassified)%n",
            e.outOfScopeRecall(),
            e.outOfScopeTotal());
      }
      out.printf(Locale.ROOT, "worst %d labels by F1:%n", Math.min(worst, e.perLabel().size()));
      out.printf(Locale.ROOT, "  %-32s %7s %9s %7s %7s%n", "label", "f1", "precision", "recall", "support");
      for (Evaluation.LabelScore s : e.worst(worst)) {
        out.printf(
            Locale.ROOT,
            "  %-32s %7.4f %9.4f %7.4f %7d%n",
            s.label(), s.f1(), s.precision(), s.recall(), s.support());
      }
      StringBuilder line = new StringBuilder();
      line.append(String.format(Locale.ROOT, "accuracy=%.4f macro_f1=%.4f", e.accuracy(), e.macroF1()));
      if (e.inScopeAccuracy() != null) {
        line.append(String.format(Locale.ROOT, " in_scope_accuracy=%.4f", e.inScopeAccuracy()));
      }
      if (e.outOfScopeRecall() != null) {
        line.append(String.format(Locale.ROOT, " oos_recall=%.4f", e.outOfScopeRecall()));
      }
      line.append(String.format(Locale.ROOT, " train_s=%.1f per_s=%.0f", trainSeconds, perSecond));
      out.println(line);
      out.flush();
    }
  }
}
