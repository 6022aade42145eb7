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
import java.util.function.Predicate;
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
   * @param criticalTopic whether one of the matched topics is critical, however weakly
   * @param criticalPrimaryScore a critical topic is the primary one with at least this score
   * @param criticalSecondaryScore or (with criticalPrimaryScore) another matched topic is critical
   *     with at least this score; both empty: not checked
   * @param smallTalk whether the text is a greeting or a test message ({@link SmallTalk})
   * @param topics any of these topic ids was matched
   * @param minNegativity the text is at least this much more negative than positive (lexicon units)
   */
  public record When(
      Boolean criticalTopic,
      Double criticalPrimaryScore,
      Double criticalSecondaryScore,
      Boolean smallTalk,
      List<String> topics,
      NpsBand nps,
      CsatBand csat,
      CesBand ces,
      List<Sentiment> sentiment,
      Double minNegativity) {}

  public record Rule(Priority priority, When when, String because) {
    public Rule {
      Objects.requireNonNull(priority, "priority");
      when = when == null ? new When(null, null, null, null, null, null, null, null, null, null) : when;
    }
  }

  record RulesFile(List<Rule> rules, Priority fallback, SmallTalk smallTalk) {}

  private final List<Rule> rules;
  private final Priority fallback;
  private final SmallTalk smallTalk;

  public PriorityRules(List<Rule> rules, Priority fallback) {
    this(rules, fallback, SmallTalk.NONE);
  }

  public PriorityRules(List<Rule> rules, Priority fallback, SmallTalk smallTalk) {
    this.rules = List.copyOf(rules);
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.smallTalk = smallTalk == null ? SmallTalk.NONE : smallTalk;
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
    return new PriorityRules(f.rules(), f.fallback(), f.smallTalk());
  }

  public List<Rule> rules() {
    return rules;
  }

  public Priority fallback() {
    return fallback;
  }

  /**
   * The priority of a classified feedback.
   *
   * @param topics matched topics, best first (the first is the primary one)
   * @param isCritical whether a topic id is critical in the taxonomy
   * @param text the (redacted) text, for the small-talk check
   */
  Priority evaluate(
      List<TopicMatch> topics,
      Predicate<String> isCritical,
      SurveyScores scores,
      Sentiment sentiment,
      double negativity,
      String text) {
    Facts facts = new Facts(topics, isCritical, scores, sentiment, negativity, text);
    for (Rule r : rules) {
      if (holds(r.when(), facts)) {
        return r.priority();
      }
    }
    return fallback;
  }

  private record Facts(
      List<TopicMatch> topics,
      Predicate<String> isCritical,
      SurveyScores scores,
      Sentiment sentiment,
      double negativity,
      String text) {}

  private boolean holds(When w, Facts f) {
    List<TopicMatch> topics = f.topics();
    if (w.criticalTopic() != null
        && w.criticalTopic() != topics.stream().anyMatch(t -> f.isCritical().test(t.topic()))) {
      return false;
    }
    if ((w.criticalPrimaryScore() != null || w.criticalSecondaryScore() != null)
        && !strongCritical(w, f)) {
      return false;
    }
    if (w.smallTalk() != null && w.smallTalk() != smallTalk.matches(f.text())) {
      return false;
    }
    if (w.topics() != null && topics.stream().noneMatch(t -> w.topics().contains(t.topic()))) {
      return false;
    }
    SurveyScores scores = f.scores();
    if (w.nps() != null && !band(scores.npsBand(), w.nps())) {
      return false;
    }
    if (w.csat() != null && !band(scores.csatBand(), w.csat())) {
      return false;
    }
    if (w.ces() != null && !band(scores.cesBand(), w.ces())) {
      return false;
    }
    if (w.sentiment() != null && !w.sentiment().contains(f.sentiment())) {
      return false;
    }
    return w.minNegativity() == null || f.negativity() >= w.minNegativity();
  }

  /** A critical topic as the primary one, or a strongly supported secondary one. */
  private static boolean strongCritical(When w, Facts f) {
    for (int i = 0; i < f.topics().size(); i++) {
      TopicMatch m = f.topics().get(i);
      Double least = i == 0 ? w.criticalPrimaryScore() : w.criticalSecondaryScore();
      if (least != null && f.isCritical().test(m.topic()) && m.score() >= least) {
        return true;
      }
    }
    return false;
  }

  /** Our band enums list the negative band first, like {@link SurveyScores.Band}. */
  private static boolean band(SurveyScores.Band actual, Enum<?> wanted) {
    return actual != null && actual.ordinal() == wanted.ordinal();
  }
}
