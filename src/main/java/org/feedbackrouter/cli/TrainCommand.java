package org.feedbackrouter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.feedbackrouter.classify.ClassifierSettings;
import org.feedbackrouter.classify.Classification;
import org.feedbackrouter.classify.LabeledText;
import org.feedbackrouter.classify.LabeledTextFiles;
import org.feedbackrouter.classify.ModelFile;
import org.feedbackrouter.classify.Taxonomy;
import org.feedbackrouter.classify.TaxonomyException;
import org.feedbackrouter.classify.TopicModel;
import org.feedbackrouter.classify.encoder.EncoderCascade;
import org.feedbackrouter.classify.encoder.EncoderMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taxonomy train}: trains the topic model once and saves it, for {@code run} and {@code classify}. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the topic model on the taxonomy's examples, plus labelled texts if given, and save it.",
      "--train takes a CSV with columns text,label or JSON lines of corrections exported from feedback.labels"
          + " (tail --topic feedback.labels); labels must be topics of the taxonomy or 'unclassified'.",
      "Use the file with --model (classify) or feedback.classifier.model (run, demo)."
    })
final class TrainCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--taxonomy", paramLabel = "FILE", description = "Taxonomy YAML (default: the bundled one).")
  Path taxonomyFile;

  @Option(names = "--train", paramLabel = "FILE", description = "More labelled texts: CSV text,label or JSON lines.")
  List<Path> train = new ArrayList<>();

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to save the model.")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for training (default 42).")
  long seed;

  @CommandLine.Mixin EncoderOptions encoder;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Taxonomy taxonomy;
    List<LabeledText> data;
    try {
      taxonomy = Optional.ofNullable(taxonomyFile).map(Taxonomy::load).orElseGet(Taxonomy::defaults);
      data = new ArrayList<>(taxonomy.examples());
      for (Path f : train) {
        List<LabeledText> more = LabeledTextFiles.read(f);
        List<String> unknown = more.stream().map(LabeledText::label)
            .filter(l -> !taxonomy.topicIds().contains(l) && !l.equals(Classification.UNCLASSIFIED))
            .distinct().toList();
        if (!unknown.isEmpty()) {
          err.println(f + ": labels that are not topics of the taxonomy: " + unknown);
          return 1;
        }
        data.addAll(more);
      }
    } catch (TaxonomyException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return 1;
    }
    boolean anyOutOfScope = data.stream().anyMatch(t -> t.label().equals(Classification.UNCLASSIFIED));
    long start = System.nanoTime();
    TopicModel model = TopicModel.train(data, anyOutOfScope ? Classification.UNCLASSIFIED : null,
        ClassifierSettings.defaults().model().withSeed(seed));
    // The encoder's head too, unless it is off: a model file then starts the cascade without training.
    EncoderCascade cascade = EncoderCascade.train(encoder.settings(EncoderMode.UNCERTAIN), taxonomy, data,
        model.labels(), seed);
    double seconds = (System.nanoTime() - start) / 1e9;
    ModelFile.write(out, taxonomy, model, cascade == null ? null : cascade.head()::write);
    spec.commandLine().getOut().printf(Locale.ROOT, "trained on %d texts, %d topics, %d features%s, in %.1f s: %s%n",
        data.size(), taxonomy.topics().size(), model.featureCount(),
        cascade == null ? "" : ", encoder head on " + cascade.encoder().name(), seconds, out);
    return 0;
  }
}
