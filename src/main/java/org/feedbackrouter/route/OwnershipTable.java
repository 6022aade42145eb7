package org.feedbackrouter.route;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.EscalationLevel;
import org.feedbackrouter.avro.GovernanceModel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.SlaTarget;
import org.feedbackrouter.avro.SurgePolicy;

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
  public static final List<SlaTarget> BUILT_IN_SLA = List.of(
      sla(Priority.P1, Duration.ofHours(1), Duration.ofHours(8)),
      sla(Priority.P2, Duration.ofHours(4), Duration.ofDays(2)),
      sla(Priority.P3, Duration.ofDays(1), Duration.ofDays(5)),
      sla(Priority.P4, Duration.ofDays(3), Duration.ofDays(14)));

  public static final SurgePolicy BUILT_IN_SURGE = new SurgePolicy(20, 3.0);

  private final Function<String, AreaOwnership> lookup;
  private final String configuredFallback;

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
          cx);
    }
    return new TopicOwnership(topicId, true, entry.getOwner(), entry.getSupporting(),
        entry.getGovernance(), entry.getCommittee(),
        entry.getSla().isEmpty() && defaults != null ? defaults.getSla() : entry.getSla(),
        entry.getEscalation().isEmpty() && defaults != null ? defaults.getEscalation() : entry.getEscalation(),
        entry.getSurge() != null ? entry.getSurge()
            : defaults != null && defaults.getSurge() != null ? defaults.getSurge() : BUILT_IN_SURGE,
        cx);
  }

  /** The SLA target for a priority: the topic's, else the built-in one. */
  public static SlaTarget slaFor(TopicOwnership ownership, Priority priority) {
    for (SlaTarget t : ownership.sla()) {
      if (t.getPriority() == priority) {
        return t;
      }
    }
    for (SlaTarget t : BUILT_IN_SLA) {
      if (t.getPriority() == priority) {
        return t;
      }
    }
    throw new IllegalStateException("no built-in SLA for " + priority);
  }

  /** Escalation levels in firing order. */
  public static List<EscalationLevel> escalationOf(TopicOwnership ownership) {
    return ownership.escalation().stream()
        .sorted(java.util.Comparator.comparingInt(EscalationLevel::getLevel))
        .toList();
  }

  private static SlaTarget sla(Priority p, Duration ack, Duration resolve) {
    return new SlaTarget(p, ack.toMillis(), resolve.toMillis());
  }
}
