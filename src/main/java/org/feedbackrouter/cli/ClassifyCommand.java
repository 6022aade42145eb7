package org.feedbackrouter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.feedbackrouter.classify.Classification;
import org.feedbackrouter.classify.Explanation;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.classify.RuleHit;
import org.feedbackrouter.classify.TaxonomyException;
import org.feedbackrouter.classify.TopicMatch;
import org.feedbackrouter.classify.encoder.EncoderMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code classify}: the service's own classifier on a file, one JSON object per input row, in order.
 * What a CX analyst uses to see and measure the calls before they reach departments.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Classify feedback texts offline: topics, sentiment, priority and the redacted text, as the service would.",
      "Input: a CSV whose header names 'text' (optional: language, nps, csat, ces; other columns ignored), or JSON"
          + " lines in the 'produce' format. Reads standard input without --input.",
      "Output: one JSON object per row on standard output, in input order; a bad row writes {\"error\": ...}"
          + " in its place and a message with the row number on standard error."
    })
final class ClassifyCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", paramLabel = "FILE", description = "CSV or JSON-lines file (default: standard input).")
  Path input;

  @Option(names = "--taxonomy", paramLabel = "FILE", description = "Taxonomy YAML (default: the bundled one).")
  Path taxonomy;

  @Option(names = "--model", paramLabel = "FILE", description = "A model saved by 'taxonomy train'.")
  Path model;

  @Option(names = "--sentiment-model", paramLabel = "FILE",
      description = "A model saved by 'sentiment train' (default: the lexicon decides).")
  Path sentimentModel;

  @Option(names = "--priority-rules", paramLabel = "FILE", description = "Priority rules YAML (default: the bundled ones).")
  Path priorityRules;

  @Option(names = "--explain", description = "Add the rules found, the model's scores and each topic's verdict.")
  boolean explain;

  @CommandLine.Mixin EncoderOptions encoder;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FeedbackClassifier classifier;
    try {
      classifier = Classifiers.withSentimentAndPriority(
          Classifiers.create(Optional.ofNullable(taxonomy), Optional.ofNullable(model),
              encoder.settings(EncoderMode.UNCERTAIN)),
          Optional.ofNullable(sentimentModel), Optional.ofNullable(priorityRules));
    } catch (TaxonomyException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return 1;
    } catch (UncheckedIOException e) {
      err.println(e.getMessage());
      return 1;
    }
    int[] bad = {0};
    try (Reader in = open()) {
      ClassifyInput.read(in, row -> {
        ObjectNode line;
        if (row.error() != null) {
          bad[0]++;
          err.println("row " + row.number() + ": " + row.error());
          line = json.createObjectNode().put("error", row.error());
        } else {
          line = toJson(row, classifier);
        }
        out.println(line.toString());
      });
    } catch (NoSuchFileException e) {
      err.println(input + ": not found");
      return 1;
    } catch (IllegalArgumentException e) {
      err.println(input == null ? e.getMessage() : input + ": " + e.getMessage());
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
    return 0;
  }

  private Reader open() throws IOException {
    return input == null
        ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
        : Files.newBufferedReader(input, StandardCharsets.UTF_8);
  }

  private ObjectNode toJson(ClassifyInput.Row row, FeedbackClassifier classifier) {
    Explanation why = explain ? classifier.explain(row.text(), row.language(), row.nps(), row.csat(), row.ces()) : null;
    Classification c = why != null ? why.result()
        : classifier.classify(row.text(), row.language(), row.nps(), row.csat(), row.ces());
    ObjectNode o = json.createObjectNode();
    if (row.id() != null) {
      o.put("id", row.id());
    }
    o.put("language", c.language());
    o.put("primaryTopic", c.primaryTopic());
    ArrayNode topics = o.putArray("topics");
    for (TopicMatch m : c.topics()) {
      topics.addObject().put("topic", m.topic()).put("score", round(m.score())).put("source", m.source().name());
    }
    o.put("sentiment", c.sentiment().name());
    o.put("priority", c.priority().name());
    o.put("redactedText", c.redactedText());
    if (why != null) {
      ObjectNode e = o.putObject("explain");
      ArrayNode rules = e.putArray("rules");
      for (RuleHit h : why.rules()) {
        ObjectNode r = rules.addObject().put("topic", h.topic()).put("phrase", h.phrase());
        if (h.negative()) {
          r.put("negative", true);
        } else {
          r.put("weight", h.weight());
        }
      }
      ArrayNode modelScores = e.putArray("model");
      why.model().forEach(l -> modelScores.addObject().put("label", l.label()).put("probability", round(l.probability())));
      ArrayNode verdicts = e.putArray("topics");
      for (Explanation.TopicVerdict v : why.verdicts()) {
        verdicts.addObject().put("topic", v.topic()).put("rule", round(v.rule())).put("model", round(v.model()))
            .put("score", round(v.score())).put("bar", v.bar()).put("passed", v.passed()).put("why", v.why());
      }
    }
    return o;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
