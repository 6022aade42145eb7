package org.feedbackrouter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.feedbackrouter.avro.Sentiment;
import org.feedbackrouter.classify.LabeledText;
import org.feedbackrouter.classify.SentimentModel;
import org.feedbackrouter.classify.SentimentModelTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sentiment train}: learns text sentiment from a company's own scored feedback. */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
    description = "Sentiment learned from scored feedback.",
    subcommands = {SentimentCommand.Train.class})
final class SentimentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = {
          "Train a sentiment model on scored texts and save it for --sentiment-model / feedback.sentiment.model.",
          "FILE: CSV with text,label (negative|neutral|positive|mixed, optional language), or JSON lines in the"
              + " 'produce' format labelled by their scores (NPS 0-6 negative, 7-8 neutral, 9-10 positive;"
              + " CSAT 1-2, 3, 4-5; CES 5-7 negative, 1-3 positive). Bad rows are reported on stderr and left out.",
          "With --eval, the last line is: sentiment_accuracy=... polar_accuracy=... neg_as_pos=...",
          "Exit codes: 0 trained, 1 unreadable data or too little of it."})
  static final class Train implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Scored texts to learn from.")
    Path train;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to save the model.")
    Path out;

    @Option(names = "--eval", paramLabel = "FILE", description = "Scored texts to measure the model on.")
    Path eval;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data order and the solver (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
      PrintWriter stdout = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      SentimentModelTrainer trainer = new SentimentModelTrainer(seed);
      SentimentModel model;
      try {
        SentimentData data = SentimentData.read(train);
        data.problems().forEach(p -> err.println(train + ": " + p));
        model = trainer.train(data.texts());
        model.save(out);
        stdout.printf("trained on %d texts (%d rows left out), labels %s; saved %s%n",
            data.texts().size(), data.problems().size(), model.labels(), out);
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        return 1;
      }
      if (eval != null) {
        SentimentData test = SentimentData.read(eval);
        test.problems().forEach(p -> err.println(eval + ": " + p));
        Score lexicon = new Score();
        Score trained = new Score();
        for (LabeledText t : test.texts()) {
          Sentiment gold = SentimentModelTrainer.label(t);
          lexicon.add(gold, trainer.lexiconVerdict(t));
          trained.add(gold, trainer.predict(model, t));
        }
        stdout.println("lexicon alone: " + lexicon);
        stdout.println(trained);
      }
      stdout.flush();
      return 0;
    }
  }

  /** Accuracy over all four labels; polar accuracy and negatives called positive over polar texts. */
  static final class Score {
    int n;
    int right;
    int polar;
    int polarRight;
    int negative;
    int negativeAsPositive;

    void add(Sentiment gold, Sentiment got) {
      n++;
      right += gold == got ? 1 : 0;
      if (gold == Sentiment.NEGATIVE || gold == Sentiment.POSITIVE) {
        polar++;
        polarRight += gold == got ? 1 : 0;
      }
      if (gold == Sentiment.NEGATIVE) {
        negative++;
        negativeAsPositive += got == Sentiment.POSITIVE ? 1 : 0;
      }
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "sentiment_accuracy=%.3f polar_accuracy=%.3f neg_as_pos=%.3f",
          ratio(right, n), ratio(polarRight, polar), ratio(negativeAsPositive, negative));
    }

    private static double ratio(int a, int b) {
      return b == 0 ? 0 : a / (double) b;
    }
  }
}
