package org.feedbackrouter.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.feedbackrouter.avro.EscalationLevel;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.SlaTarget;

/**
 * Where SLA due times come from, for routing (a new task) and for reassignment alike: the
 * acknowledge and resolve targets count working time on the topic's calendar, and the task
 * carries the resulting wall-clock instants. Escalation delays count working time after the
 * resolve due time.
 */
public final class SlaPolicy {
  /** SLA used when neither the topic nor the defaults entry sets one for a priority. */
  public static final List<SlaTarget> BUILT_IN = List.of(
      target(Priority.P1, Duration.ofHours(1), Duration.ofHours(8)),
      target(Priority.P2, Duration.ofHours(4), Duration.ofDays(2)),
      target(Priority.P3, Duration.ofDays(1), Duration.ofDays(5)),
      target(Priority.P4, Duration.ofDays(3), Duration.ofDays(14)));

  private SlaPolicy() {}

  /** Wall-clock due times of a task created at {@code created}. */
  public record Deadlines(Instant acknowledgeDue, Instant resolveDue) {}

  public static Deadlines deadlines(Instant created, SlaTarget target, BusinessCalendar calendar) {
    return new Deadlines(
        calendar.plus(created, Duration.ofMillis(target.getAcknowledgeWithinMs())),
        calendar.plus(created, Duration.ofMillis(target.getResolveWithinMs())));
  }

  /** The target for a priority among {@code configured}, else the built-in one. */
  public static SlaTarget target(List<SlaTarget> configured, Priority priority) {
    for (SlaTarget t : configured) {
      if (t.getPriority() == priority) {
        return t;
      }
    }
    for (SlaTarget t : BUILT_IN) {
      if (t.getPriority() == priority) {
        return t;
      }
    }
    throw new IllegalStateException("no built-in SLA for " + priority);
  }

  /** When an escalation level fires: its delay in working time after the resolve due time. */
  public static Instant escalationDue(Instant resolveDue, EscalationLevel level, BusinessCalendar calendar) {
    return calendar.plus(resolveDue, Duration.ofMillis(level.getAfterMs()));
  }

  /** Escalation levels in firing order. */
  public static List<EscalationLevel> inOrder(List<EscalationLevel> levels) {
    return levels.stream().sorted(Comparator.comparingInt(EscalationLevel::getLevel)).toList();
  }

  private static SlaTarget target(Priority p, Duration ack, Duration resolve) {
    return new SlaTarget(p, ack.toMillis(), resolve.toMillis());
  }
}
