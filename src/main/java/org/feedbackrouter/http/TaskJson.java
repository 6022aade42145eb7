package org.feedbackrouter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskHistoryEntry;
import org.feedbackrouter.avro.TaskState;

/** The API's JSON for a task: what a department needs to act, plus status and history. */
final class TaskJson {
  private final ObjectMapper mapper;

  TaskJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  ObjectNode summary(TaskState state) {
    Task t = state.getTask();
    ObjectNode n = mapper.createObjectNode();
    n.put("taskId", t.getTaskId());
    n.put("department", t.getDepartment());
    n.put("role", t.getRole().name());
    n.put("status", state.getStatus().name());
    n.put("priority", t.getPriority().name());
    n.put("topic", t.getTopic());
    n.put("correlationId", t.getCorrelationId());
    n.put("feedbackId", t.getFeedbackId());
    n.put("createdAt", iso(t.getCreatedAt()));
    n.put("acknowledgeDueAt", iso(t.getAcknowledgeDueAt()));
    n.put("resolveDueAt", iso(t.getResolveDueAt()));
    n.put("acknowledgedAt", iso(state.getAcknowledgedAt()));
    n.put("resolvedAt", iso(state.getResolvedAt()));
    return n;
  }

  ObjectNode detail(TaskState state) {
    Task t = state.getTask();
    ObjectNode n = summary(state);
    ArrayNode departments = n.putArray("departments");
    t.getDepartments().forEach(departments::add);
    ArrayNode topics = n.putArray("topics");
    t.getTopics().forEach(topics::add);
    n.put("governance", t.getGovernance().name());
    n.put("suggestedOwner", t.getSuggestedOwner());
    n.put("reassignedFrom", t.getReassignedFrom());
    n.put("channel", t.getChannel().name());
    n.put("language", t.getLanguage());
    n.put("redactedText", t.getRedactedText());
    n.put("reopenCount", state.getReopenCount());
    ArrayNode fired = n.putArray("slaFired");
    state.getFired().forEach(fired::add);
    ArrayNode history = n.putArray("history");
    for (TaskHistoryEntry e : state.getHistory()) {
      ObjectNode h = history.addObject();
      h.put("what", e.getWhat());
      h.put("at", iso(e.getAt()));
      h.put("actor", e.getActor());
      h.put("note", e.getNote());
    }
    return n;
  }

  private static String iso(Instant i) {
    return i == null ? null : i.toString();
  }
}
