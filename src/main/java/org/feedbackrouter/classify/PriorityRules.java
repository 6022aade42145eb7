package org.feedbackrouter.classify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Sentiment;

/**
 * Ordered rules that give a feedback its priority: the first rule whose conditions all hold wins,
 * and {@link #fallback()} applies when none does. The defaults ({@code taxonomy/priority-rules.yaml}):
 * P1 for critical topics and for detractors whose text is strongly negative; P2 for other
 * detractors, unsatisfied or high-effort customers and negative text; P4 for praise and positive
 * text; P3 otherwise (passives, neutral text).
 */
public final class PriorityRules {

  public static final String DEFAULT_RESOURCE = "/taxonomy/priority-rules.yaml";

  /** NPS band: 0-6, 7-8, 9-10. */
  public enum NpsBand {
    DETRACTOR,
    PASSIVE,
    PROMOTER
  }

  /** CSAT band: 1-2, 3, 4-5. */
  public enum CsatBand {
    UNSATISFIED,
    NEUTRAL,
    SATISFIED
  }

  /** CES band: 5-7, 4, 1-3. */
  public enum CesBand {
    HIGH_EFFORT,
    NEUTRAL,
    LOW_EFFORT
  }

  /**
   * Conditions of one rule; a null condition is not checked, so an empty one always holds.
   *
   * @param criticalTopic whether one of the matched topics is critical
   * @param topics any of these topic ids was matched
   * @param minNegativity the text is at least this much more negative than positive (lexicon units)
   */
  public record When(
      Boolean criticalTopic,
      List<String> topics,
      NpsBand nps,
      CsatBand csat,
      CesBand ces,
      List<Sentiment> sentiment,
      Double minNegativity) {}

  public record Rule(Priority priority, When when, String because) {
    public Rule {
      Objects.requireNonNull(priority, "priority");
      when = when == null ? new When(null, null, null, null, null, null, null) : when;
    }
  }

  record RulesFile(List<Rule> rules, Priority fallback) {}

  private final List<Rule> rules;
  private final Priority fallback;

  public PriorityRules(List<Rule> rules, Priority fallback) {
    this.rules = List.copyOf(rules);
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  public static PriorityRules defaults() {
    try (InputStream in = PriorityRules.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RESOURCE + " missing from the classpath");
      }
      return read(in, "classpath:" + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PriorityRules load(Path yaml) {
    try (InputStream in = Files.newInputStream(yaml)) {
      return read(in, yaml.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read priority rules " + yaml, e);
    }
  }

  private static PriorityRules read(InputStream in, String source) throws IOException {
    ObjectMapper mapper =
        JsonMapper.builder(new YAMLFactory())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    RulesFile f;
    try {
      f = mapper.readValue(in, RulesFile.class);
    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      throw new IllegalArgumentException("invalid priority rules " + source + ": " + e.getOriginalMessage()
          + " at " + e.getPathReference(), e);
    }
    List<String> errors = new ArrayList<>();
    if (f == null || f.rules() == null) {
      errors.add("rules: is required");
    }
    if (f == null || f.fallback() == null) {
      errors.add("fallback: is required (P1..P4)");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid priority rules " + source + ": " + errors);
    }
    return new PriorityRules(f.rules(), f.fallback());
  }

  public List<Rule> rules() {
    return rules;
  }

  public Priority fallback() {
    return fallback;
  }

  Priority evaluate(
      List<TopicMatch> topics,
      boolean criticalTopic,
      SurveyScores scores,
      Sentiment sentiment,
      double negativity) {
    for (Rule r : rules) {
      if (holds(r.when(), topics, criticalTopic, scores, sentiment, negativity)) {
        return r.priority();
      }
    }
    return fallback;
  }

  private static boolean holds(
      When w,
      List<TopicMatch> topics,
      boolean criticalTopic,
      SurveyScores scores,
      Sentiment sentiment,
      double negativity) {
    if (w.criticalTopic() != null && w.criticalTopic() != criticalTopic) {
      return false;
    }
    if (w.topics() != null && topics.stream().noneMatch(t -> w.topics().contains(t.topic()))) {
      return false;
    }
    if (w.nps() != null && !band(scores.npsBand(), w.nps())) {
      return false;
    }
    if (w.csat() != null && !band(scores.csatBand(), w.csat())) {
      return false;
    }
    if (w.ces() != null && !band(scores.cesBand(), w.ces())) {
      return false;
    }
    if (w.sentiment() != null && !w.sentiment().contains(sentiment)) {
      return false;
    }
    return w.minNegativity() == null || negativity >= w.minNegativity();
  }

  /** Our band enums list the negative band first, like {@link SurveyScores.Band}. */
  private static boolean band(SurveyScores.Band actual, Enum<?> wanted) {
    return actual != null && actual.ordinal() == wanted.ordinal();
  }
}
