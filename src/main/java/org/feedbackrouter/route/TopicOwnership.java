package org.feedbackrouter.route;

import java.util.List;
import org.feedbackrouter.avro.EscalationLevel;
import org.feedbackrouter.avro.GovernanceModel;
import org.feedbackrouter.avro.SlaTarget;
import org.feedbackrouter.avro.SurgePolicy;
import org.feedbackrouter.sla.BusinessCalendar;

/**
 * Who acts on one topic, after the table's defaults are applied.
 *
 * @param owned false when the topic has no entry of its own, so the fallback owner stands in
 * @param cxOffice the CX office: fallback owner, observer under the decentralised model and
 *     dispatcher under the centralised one
 * @param calendar the working hours its SLA counts in ({@link BusinessCalendar#ALWAYS} without one)
 */
public record TopicOwnership(
    String topicId,
    boolean owned,
    String owner,
    List<String> supporting,
    GovernanceModel governance,
    String committee,
    List<SlaTarget> sla,
    List<EscalationLevel> escalation,
    SurgePolicy surge,
    String cxOffice,
    BusinessCalendar calendar) {}
