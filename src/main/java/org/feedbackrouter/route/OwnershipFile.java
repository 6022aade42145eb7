package org.feedbackrouter.route;

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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.GovernanceModel;
import org.feedbackrouter.avro.SlaCalendar;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.SlaTarget;
import org.feedbackrouter.avro.SurgePolicy;
import org.feedbackrouter.config.Durations;
import org.feedbackrouter.alert.OwnershipSilences;
import org.feedbackrouter.notify.Destination;
import org.feedbackrouter.notify.NotifyDestinations;

/**
 * The ownership file the CX office keeps under version control, read into {@code area.ownership}
 * entries. Every problem is reported with its path in the file, all at once.
 *
 * <pre>
 * calendars:                    # optional: working hours SLA clocks count in (see OwnershipCalendars)
 *   madrid-office: {zone: Europe/Madrid, hours: {mon-fri: "09:00-18:00"}, holidays: [2026-12-25]}
 * defaults:                     # applies to topics not listed, and fills gaps in listed ones
 *   calendar: madrid-office     # optional: without one, SLAs count around the clock
 *   owner: cx_office            # fallback owner, CX office observer and dispatcher
 *   governance: decentralised
 *   sla: {P1: {acknowledge: 1h, resolve: 8h}, P2: ...}
 *   escalation: [{after: 4h, department: cx_office}]
 *   surge: {minCount: 20, baselineMultiplier: 3}
 * topics:
 *   billing:
 *     owner: finance
 *     supporting: [customer_service]
 *     governance: committee      # centralised | decentralised | committee
 *     committee: cx_council
 *     sla: {P1: {acknowledge: 30m, resolve: 4h}}
 *     escalation: [{after: 2h, department: finance}, {after: 1d, department: cx_council}]
 * departments:                  # optional: where each department wants its tasks and alerts
 *   finance:
 *     notify: [{type: slack, url: env:FINANCE_SLACK_URL}]
 * </pre>
 *
 * <p>{@code env:NAME} values in {@code notify} are read from the environment given to
 * {@link #load(Path, Map)}; a missing variable is a problem like any other.
 */
public final class OwnershipFile {
  private static final String DEPARTMENT = "[a-z0-9][a-z0-9_-]*";
  private static final String TOPIC = "[a-z0-9][a-z0-9_]*";

  private final Map<String, AreaOwnership> entries;
  private final Map<String, List<Destination>> notify;

  private OwnershipFile(Map<String, AreaOwnership> entries, Map<String, List<Destination>> notify) {
    this.entries = entries;
    this.notify = notify;
  }

  public static OwnershipFile load(Path path) {
    return load(path, System.getenv());
  }

  /** @param env where {@code env:NAME} values come from: {@link System#getenv()} outside tests */
  public static OwnershipFile load(Path path, Map<String, String> env) {
    try (InputStream in = Files.newInputStream(path)) {
      return parse(in, path.toString(), env);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InvalidOwnershipException(List.of(path + ": not found"));
    } catch (IOException e) {
      throw new InvalidOwnershipException(List.of(path + ": cannot read: " + e.getMessage()));
    }
  }

  public static OwnershipFile fromClasspath(String resource) {
    try (InputStream in = OwnershipFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new InvalidOwnershipException(List.of(resource + ": not on the classpath"));
      }
      return parse(in, resource, System.getenv());
    } catch (IOException e) {
      throw new InvalidOwnershipException(List.of(resource + ": cannot read: " + e.getMessage()));
    }
  }

  static OwnershipFile parse(InputStream in, String source) {
    return parse(in, source, System.getenv());
  }

  static OwnershipFile parse(InputStream in, String source, Map<String, String> env) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new InvalidOwnershipException(List.of(source + ": not valid YAML: " + e.getMessage()));
    }
    List<String> errors = new ArrayList<>();
    Map<String, AreaOwnership> entries = new LinkedHashMap<>();
    if (root == null || !root.isObject()) {
      throw new InvalidOwnershipException(List.of(source + ": expected a mapping with 'defaults' and 'topics'"));
    }
    allowOnly(root, "", errors, "calendars", "defaults", "topics", "departments", "silences");
    Instant now = Instant.now();
    Map<String, SlaCalendar> calendars = OwnershipCalendars.read(root.path("calendars"), errors);
    OwnershipSilences.read(root.path("silences"), errors, now); // checked here, published by ownership apply
    JsonNode defaults = root.path("defaults");
    AreaOwnership defaultsEntry = entry(OwnershipTable.DEFAULTS_KEY, defaults, "defaults", true, calendars, errors, now);
    entries.put(OwnershipTable.DEFAULTS_KEY, defaultsEntry);
    JsonNode topics = root.path("topics");
    if (!topics.isObject() || topics.isEmpty()) {
      errors.add("topics: must list at least one topic");
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = topics.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = "topics." + e.getKey();
        if (!e.getKey().matches(TOPIC)) {
          errors.add(path + ": topic ids are lower case letters, digits and _");
        }
        if (e.getKey().equals(OwnershipTable.UNCLASSIFIED)) {
          errors.add(path + ": 'unclassified' always goes to the defaults' owner; set defaults.owner instead");
        }
        entries.put(e.getKey(), entry(e.getKey(), e.getValue(), path, false, calendars, errors, now));
      }
    }
    Map<String, List<Destination>> notify = NotifyDestinations.readDepartments(root.path("departments"), env, errors,
        (name, path) -> department(name, path, errors));
    if (!errors.isEmpty()) {
      throw new InvalidOwnershipException(errors.stream().map(m -> source + ": " + m).toList());
    }
    return new OwnershipFile(entries, notify);
  }

  /** Each department's delivery destinations, with {@code env:} values resolved; departments without any are absent. */
  public Map<String, List<Destination>> destinations() {
    return notify;
  }

  /** Entries keyed by topic id, the defaults entry under {@link OwnershipTable#DEFAULTS_KEY}. */
  public Map<String, AreaOwnership> entries() {
    return entries;
  }

  /** Every department the file names: owners, supporting, committees and escalation targets. */
  public Set<String> departments() {
    Set<String> out = departmentsOf(entries.values());
    out.addAll(notify.keySet());
    return out;
  }

  /** Every department some entries name: owners, supporting, committees and escalation targets. */
  public static Set<String> departmentsOf(java.util.Collection<AreaOwnership> entries) {
    Set<String> out = new TreeSet<>();
    for (AreaOwnership o : entries) {
      out.add(o.getOwner());
      out.addAll(o.getSupporting());
      if (o.getCommittee() != null) {
        out.add(o.getCommittee());
      }
      o.getEscalation().forEach(l -> out.add(l.getDepartment()));
    }
    return out;
  }

  private static AreaOwnership entry(String topicId, JsonNode node, String path, boolean isDefaults,
      Map<String, SlaCalendar> calendars, List<String> errors, Instant now) {
    AreaOwnership.Builder b = AreaOwnership.newBuilder().setTopicId(topicId).setUpdatedAt(now);
    if (node.isMissingNode() && isDefaults) {
      node = YAMLMapper.builder().build().createObjectNode();
    }
    if (!node.isObject()) {
      errors.add(path + ": must be a mapping");
      return b.setOwner("invalid").build();
    }
    allowOnly(node, path, errors, "owner", "supporting", "governance", "committee", "sla", "escalation", "surge",
        "calendar");
    String owner = text(node, "owner");
    if (owner == null) {
      if (isDefaults) {
        owner = "cx_office";
      } else {
        errors.add(path + ".owner: required");
        return b.setOwner("invalid").build();
      }
    }
    department(owner, path + ".owner", errors);
    b.setOwner(owner);

    List<String> supporting = new ArrayList<>();
    JsonNode sup = node.path("supporting");
    if (!sup.isMissingNode()) {
      if (!sup.isArray()) {
        errors.add(path + ".supporting: must be a list of departments");
      } else {
        for (int i = 0; i < sup.size(); i++) {
          String d = sup.get(i).asText();
          department(d, path + ".supporting[" + i + "]", errors);
          if (d.equals(owner)) {
            errors.add(path + ".supporting[" + i + "]: '" + d + "' is already the owner");
          } else if (!supporting.contains(d)) {
            supporting.add(d);
          }
        }
      }
    }
    b.setSupporting(supporting);

    GovernanceModel governance = GovernanceModel.DECENTRALISED;
    String g = text(node, "governance");
    if (g != null) {
      String normalised = g.toUpperCase(Locale.ROOT).replace("ZED", "SED");
      try {
        governance = GovernanceModel.valueOf(normalised);
      } catch (IllegalArgumentException e) {
        errors.add(path + ".governance: '" + g + "' is not one of centralised, decentralised, committee");
      }
    }
    b.setGovernance(governance);
    String committee = text(node, "committee");
    if (committee != null) {
      department(committee, path + ".committee", errors);
    } else if (governance == GovernanceModel.COMMITTEE) {
      errors.add(path + ".committee: required under the committee model");
    }
    b.setCommittee(committee);
    b.setSla(OwnershipTargets.sla(node.path("sla"), path + ".sla", errors));
    b.setEscalation(OwnershipTargets.escalation(node.path("escalation"), path + ".escalation", errors));
    b.setSurge(OwnershipTargets.surge(node.path("surge"), path + ".surge", errors));
    b.setCalendar(OwnershipCalendars.named(node, path, calendars, errors));
    return b.build();
  }

  static void department(String name, String path, List<String> errors) {
    if (!name.matches(DEPARTMENT)) {
      errors.add(path + ": '" + name + "' is not a department name (lower case letters, digits, _ and -;"
          + " it becomes part of topic names)");
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText().trim();
  }

  static void allowOnly(JsonNode node, String path, List<String> errors, String... allowed) {
    if (!node.isObject()) {
      return;
    }
    Set<String> known = Set.of(allowed);
    node.fieldNames().forEachRemaining(f -> {
      if (!known.contains(f)) {
        errors.add((path.isEmpty() ? "" : path + ".") + f + ": unknown key (expected one of "
            + String.join(", ", allowed) + ")");
      }
    });
  }
}
