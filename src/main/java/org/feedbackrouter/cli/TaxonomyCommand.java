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
    subcommands = {TaxonomyCommand.Validate.class, EvaluateCommand.class, TrainCommand.class})
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
        err.println(e.getCause() instanceof java.nio.file.NoSuchFileException
            ? file + ": not found" : e.getMessage() + ": " + e.getCause().getMessage());
        return 1;
      }
    }
  }
}
