package org.feedbackrouter.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topics feedback is classified into, as kept by the CX office in a YAML file. Immutable.
 *
 * @see TaxonomyReader for the file format and its validation
 */
public final class Taxonomy {

  /** Where the default taxonomy lives on the classpath. */
  public static final String DEFAULT_RESOURCE = "/taxonomy/default-taxonomy.yaml";

  private final List<TaxonomyTopic> topics;
  private final Map<String, TaxonomyTopic> byId;
  private final Map<Language, List<String>> unclassified;

  Taxonomy(List<TaxonomyTopic> topics) {
    this(topics, Map.of());
  }

  Taxonomy(List<TaxonomyTopic> topics, Map<Language, List<String>> unclassified) {
    this.topics = List.copyOf(topics);
    Map<Language, List<String>> u = new EnumMap<>(Language.class);
    unclassified.forEach((k, v) -> u.put(k, List.copyOf(v)));
    this.unclassified = Collections.unmodifiableMap(u);
    Map<String, TaxonomyTopic> map = new LinkedHashMap<>();
    for (TaxonomyTopic t : topics) {
      map.put(t.id(), t);
    }
    this.byId = map;
  }

  /** Reads and validates a taxonomy file; every problem is reported at once. */
  public static Taxonomy load(Path yaml) {
    try (InputStream in = Files.newInputStream(yaml)) {
      return new TaxonomyReader().read(in, yaml.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read taxonomy " + yaml, e);
    }
  }

  /** Reads and validates a taxonomy from the classpath, e.g. {@link #DEFAULT_RESOURCE}. */
  public static Taxonomy fromClasspath(String resource) {
    String name = resource.startsWith("/") ? resource : "/" + resource;
    try (InputStream in = Taxonomy.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new TaxonomyException(name, List.of("(file): not found on the classpath"));
      }
      return new TaxonomyReader().read(in, "classpath:" + name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read taxonomy " + name, e);
    }
  }

  /** The default bilingual retail/telecom taxonomy shipped in the jar. */
  public static Taxonomy defaults() {
    return fromClasspath(DEFAULT_RESOURCE);
  }

  /**
   * Topics defined only by labelled data, without rules: how {@code taxonomy evaluate} scores a
   * model trained on a CSV file.
   */
  public static Taxonomy forLabels(Collection<String> labels) {
    List<TaxonomyTopic> topics = new ArrayList<>();
    for (String label : new LinkedHashSet<>(labels)) {
      topics.add(new TaxonomyTopic(label, label, "", false, false, Map.of(), Map.of(), Map.of()));
    }
    return new Taxonomy(topics);
  }

  public List<TaxonomyTopic> topics() {
    return topics;
  }

  public Set<String> topicIds() {
    return byId.keySet();
  }

  /** The topic with this id, or null. */
  public TaxonomyTopic topic(String id) {
    return byId.get(id);
  }

  /** Whether feedback on this topic is critical (privacy breach, fraud, safety, legal threat). */
  public boolean isCritical(String topicId) {
    TaxonomyTopic t = byId.get(topicId);
    return t != null && t.critical();
  }

  /**
   * The label the model learns "none of these" under: {@link Classification#UNCLASSIFIED} when the
   * file gives unclassified examples, otherwise null (the model then always backs some topic, and
   * only the bars leave a text unclassified).
   */
  public String outOfScopeLabel() {
    return unclassified.values().stream().anyMatch(l -> !l.isEmpty()) ? Classification.UNCLASSIFIED : null;
  }

  /** Every labelled example of every topic, with its language, then the unclassified examples. */
  public List<LabeledText> examples() {
    List<LabeledText> out = new ArrayList<>();
    for (TaxonomyTopic t : topics) {
      for (Map.Entry<Language, List<String>> e : t.examples().entrySet()) {
        for (String text : e.getValue()) {
          out.add(new LabeledText(text, t.id(), e.getKey()));
        }
      }
    }
    unclassified.forEach((language, texts) ->
        texts.forEach(text -> out.add(new LabeledText(text, Classification.UNCLASSIFIED, language))));
    return out;
  }
}
