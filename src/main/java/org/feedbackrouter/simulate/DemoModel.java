package org.feedbackrouter.simulate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.EscalationLevel;
import org.feedbackrouter.avro.SlaTarget;
import org.feedbackrouter.avro.SurgePolicy;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipTable;

/**
 * The sample ownership model on a demo clock: every SLA and escalation delay is divided by
 * {@link #TIME_SCALE}, so a day lasts a minute and breaches, escalations and resolutions show up
 * while a newcomer watches.
 */
public final class DemoModel {
  public static final long TIME_SCALE = 1440;
  /** The sample ownership file the demo model and its silences come from. */
  public static final String FILE = "/ownership/sample-ownership.yaml";

  private DemoModel() {}

  public static Map<String, AreaOwnership> ownership() {
    Map<String, AreaOwnership> out = new LinkedHashMap<>();
    OwnershipFile.fromClasspath(FILE).entries().forEach((topic, entry) -> {
      AreaOwnership.Builder b = AreaOwnership.newBuilder(entry)
          .setSla(entry.getSla().stream().map(s -> new SlaTarget(s.getPriority(),
              s.getAcknowledgeWithinMs() / TIME_SCALE, s.getResolveWithinMs() / TIME_SCALE)).toList())
          .setEscalation(entry.getEscalation().stream().map(l -> new EscalationLevel(l.getLevel(),
              l.getAfterMs() / TIME_SCALE, l.getDepartment())).toList());
      if (topic.equals(OwnershipTable.DEFAULTS_KEY)) {
        // Steady demo traffic stays under 30 per minute and topic; a simulated burst goes over.
        b.setSurge(new SurgePolicy(30, 3.0));
        if (entry.getSla().isEmpty()) {
          b.setSla(OwnershipTable.BUILT_IN_SLA.stream().map(s -> new SlaTarget(s.getPriority(),
              s.getAcknowledgeWithinMs() / TIME_SCALE, s.getResolveWithinMs() / TIME_SCALE)).toList());
        }
      }
      out.put(topic, b.build());
    });
    return out;
  }
}
