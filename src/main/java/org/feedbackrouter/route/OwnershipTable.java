package org.feedbackrouter.route;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.EscalationLevel;
import org.feedbackrouter.avro.GovernanceModel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.SlaCalendar;
import org.feedbackrouter.avro.SlaTarget;
import org.feedbackrouter.avro.SurgePolicy;
import org.feedbackrouter.sla.BusinessCalendar;
import org.feedbackrouter.sla.SlaPolicy;

/**
 * Resolves a topic's ownership from the {@code area.ownership} table. The entry under
 * {@link #DEFAULTS_KEY} holds the defaults that the ownership file declares (fallback owner, SLA,
 * escalation, surge thresholds), so they change with {@code ownership apply}, without a restart.
 */
public final class OwnershipTable {
  /** Key of the defaults entry in {@code area.ownership}. Taxonomy topic ids never contain '*'. */
  public static final String DEFAULTS_KEY = "*";

  /** Topic id of feedback that matched no topic well enough. */
  public static final String UNCLASSIFIED = "unclassified";

  /** SLA used when neither the topic nor the defaults entry sets one for a priority. */
  public static final List<SlaTarget> BUILT_IN_SLA = SlaPolicy.BUILT_IN;

  public static final SurgePolicy BUILT_IN_SURGE = new SurgePolicy(20, 3.0);

  private final Function<String, AreaOwnership> lookup;
  private final String configuredFallback;
  /** Calendars as the SLA clock uses them, built once per distinct record (a handful per file). */
  private final Map<SlaCalendar, BusinessCalendar> calendars = new ConcurrentHashMap<>();

  /** @param lookup returns the entry for a key, or null */
  public OwnershipTable(Function<String, AreaOwnership> lookup, String configuredFallback) {
    this.lookup = lookup;
    this.configuredFallback = configuredFallback;
  }

  /** A table over the {@code area.ownership} global store, as processors read it. */
  public static OwnershipTable overStore(ReadOnlyKeyValueStore<String, ValueAndTimestamp<AreaOwnership>> store,
      String configuredFallback) {
    return new OwnershipTable(key -> {
      ValueAndTimestamp<AreaOwnership> v = store.get(key);
      return v == null ? null : v.value();
    }, configuredFallback);
  }

  public TopicOwnership resolve(String topicId) {
    AreaOwnership defaults = lookup.apply(DEFAULTS_KEY);
    String cx = defaults != null ? defaults.getOwner() : configuredFallback;
    AreaOwnership entry = UNCLASSIFIED.equals(topicId) ? null : lookup.apply(topicId);
    if (entry == null) {
      return new TopicOwnership(topicId, false, cx,
          defaults != null ? defaults.getSupporting() : List.of(),
          defaults != null ? defaults.getGovernance() : GovernanceModel.DECENTRALISED,
          defaults != null ? defaults.getCommittee() : null,
          defaults != null ? defaults.getSla() : List.of(),
          defaults != null ? defaults.getEscalation() : List.of(),
          defaults != null && defaults.getSurge() != null ? defaults.getSurge() : BUILT_IN_SURGE,
          cx, calendar(defaults != null ? defaults.getCalendar() : null));
    }
    return new TopicOwnership(topicId, true, entry.getOwner(), entry.getSupporting(),
        entry.getGovernance(), entry.getCommittee(),
        entry.getSla().isEmpty() && defaults != null ? defaults.getSla() : entry.getSla(),
        entry.getEscalation().isEmpty() && defaults != null ? defaults.getEscalation() : entry.getEscalation(),
        entry.getSurge() != null ? entry.getSurge()
            : defaults != null && defaults.getSurge() != null ? defaults.getSurge() : BUILT_IN_SURGE,
        cx, calendar(entry.getCalendar() != null ? entry.getCalendar()
            : defaults != null ? defaults.getCalendar() : null));
  }

  /** The SLA target for a priority: the topic's, else the built-in one. */
  public static SlaTarget slaFor(TopicOwnership ownership, Priority priority) {
    return SlaPolicy.target(ownership.sla(), priority);
  }

  /** Escalation levels in firing order. */
  public static List<EscalationLevel> escalationOf(TopicOwnership ownership) {
    return SlaPolicy.inOrder(ownership.escalation());
  }

  private BusinessCalendar calendar(SlaCalendar calendar) {
    return calendar == null ? BusinessCalendar.ALWAYS
        : calendars.computeIfAbsent(calendar, OwnershipCalendars::toBusinessCalendar);
  }
}
