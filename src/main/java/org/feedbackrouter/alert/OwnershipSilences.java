package org.feedbackrouter.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedbackrouter.avro.Silence;

/**
 * The {@code silences:} section of the ownership file: silences kept under version control with
 * the ownership model and published by {@code ownership apply}, with the id {@code file:<name>}
 * so that applying the file again replaces them rather than adding more.
 *
 * <pre>
 * silences:
 *   legal-breach-digest:                       # name: lower case letters, digits, _ -
 *     matchers: {department: legal, kind: SLA_BREACH}   # each optional: department, kind, topic, priority
 *     startsAt: 2026-12-01T00:00:00Z           # optional: when applied
 *     endsAt: 2027-01-01T00:00:00Z
 *     comment: Legal reviews breaches weekly
 * </pre>
 *
 * Removing a silence from the file does not end it: set its {@code endsAt} to the past, or DELETE it.
 */
public final class OwnershipSilences {
  public static final String ID_PREFIX = "file:";
  static final String CREATED_BY = "ownership-file";
  private static final List<String> FIELDS = List.of("matchers", "startsAt", "endsAt", "comment");

  private OwnershipSilences() {}

  /** The silences of the file at {@code path}; an absent section means none. */
  public static List<Silence> load(Path path, Instant now) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return of(new YAMLMapper().readTree(in), now);
    }
  }

  public static List<Silence> fromClasspath(String resource, Instant now) throws IOException {
    try (InputStream in = OwnershipSilences.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(resource + ": not on the classpath");
      }
      return of(new YAMLMapper().readTree(in), now);
    }
  }

  private static List<Silence> of(JsonNode root, Instant now) {
    List<String> errors = new ArrayList<>();
    List<Silence> out = read(root == null ? null : root.path("silences"), errors, now);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return out;
  }

  /** Reads the section, adding a line to {@code errors} for each problem (for the file's validation). */
  public static List<Silence> read(JsonNode section, List<String> errors, Instant now) {
    List<Silence> out = new ArrayList<>();
    if (section == null || section.isMissingNode() || section.isNull()) {
      return out;
    }
    if (!section.isObject()) {
      errors.add("silences: must map names to silences");
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "silences." + e.getKey();
      JsonNode node = e.getValue();
      if (!e.getKey().matches("[a-z0-9][a-z0-9_-]{0,99}")) {
        errors.add(path + ": names are lower case letters, digits, _ and -");
        continue;
      }
      if (!node.isObject()) {
        errors.add(path + ": must be a mapping with matchers, endsAt and comment");
        continue;
      }
      List<String> unknown = new ArrayList<>();
      node.fieldNames().forEachRemaining(f -> {
        if (!FIELDS.contains(f)) {
          unknown.add(f);
        }
      });
      if (!unknown.isEmpty()) {
        errors.add(path + ": unknown field(s) " + unknown + ": known fields are " + FIELDS);
        continue;
      }
      Map<String, String> matchers = new LinkedHashMap<>();
      node.path("matchers").fields().forEachRemaining(m -> matchers.put(m.getKey(), m.getValue().asText()));
      try {
        out.add(SilenceSpec.build(ID_PREFIX + e.getKey(), matchers, text(node, "startsAt"), text(node, "endsAt"),
            CREATED_BY, text(node, "comment"), now));
      } catch (IllegalArgumentException ex) {
        errors.add(path + ": " + ex.getMessage());
      }
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
