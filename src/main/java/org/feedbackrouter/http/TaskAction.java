package org.feedbackrouter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.feedbackrouter.avro.ReassignReason;
import org.feedbackrouter.avro.ResolutionCode;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskEventType;

/**
 * A department's action on a task, as the API's JSON body states it:
 * {@code {"type": "RESOLVED", "actor": "ana@finance", "note": "...", "reassignTo": "logistics",
 * "reason": "wrong_topic", "correctTopic": "delivery", "resolution": {"code": "fixed", "rootCause": "..."}}}.
 * Parsing checks everything that does not depend on the task's state; each problem is a 400.
 */
record TaskAction(TaskEventType type, String actor, String note, String reassignTo, ReassignReason reason,
    String correctTopic, ResolutionCode code, String rootCause) {
  static final int MAX_NOTE = 4000;
  static final int MAX_ACTOR = 200;
  private static final List<String> FIELDS =
      List.of("type", "actor", "note", "reassignTo", "reason", "correctTopic", "resolution");
  private static final String NAME = "[a-z0-9][a-z0-9_-]{0,99}";

  /** @throws ApiException 400 saying what is wrong */
  static TaskAction parse(ObjectMapper mapper, byte[] body) {
    JsonNode json = JsonBody.object(mapper, body, FIELDS, "with at least \"type\"");
    String typeName = text(json, "type", 40);
    if (typeName == null) {
      throw new ApiException(400, "missing \"type\": one of " + Arrays.toString(TaskEventType.values()));
    }
    TaskEventType type = Arrays.stream(TaskEventType.values())
        .filter(t -> t.name().equalsIgnoreCase(typeName)).findFirst()
        .orElseThrow(() -> new ApiException(400, "unknown type '" + typeName + "': one of "
            + Arrays.toString(TaskEventType.values())));
    String actor = text(json, "actor", MAX_ACTOR);
    String note = text(json, "note", MAX_NOTE);
    String reassignTo = text(json, "reassignTo", 100);
    ReassignReason reason = symbol(ReassignReason.values(), text(json, "reason", 40), "reason");
    String correctTopic = text(json, "correctTopic", 100);
    ResolutionCode code = null;
    String rootCause = null;
    JsonNode resolution = json.get("resolution");
    if (resolution != null && !resolution.isNull()) {
      if (!resolution.isObject()) {
        throw new ApiException(400, "\"resolution\" must be an object: {\"code\": ..., \"rootCause\": ...}");
      }
      for (Iterator<String> names = resolution.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!name.equals("code") && !name.equals("rootCause")) {
          throw new ApiException(400, "unknown field 'resolution." + name + "': known fields are code, rootCause");
        }
      }
      code = symbol(ResolutionCode.values(), text(resolution, "code", 40), "resolution.code");
      rootCause = text(resolution, "rootCause", MAX_NOTE);
    }
    if (type == TaskEventType.REASSIGNED) {
      if (reassignTo == null) {
        throw new ApiException(400, "REASSIGNED needs \"reassignTo\": the department taking the task over");
      }
      if (!reassignTo.matches(NAME)) {
        throw new ApiException(400, "reassignTo must be a department name (lower case, digits, _ -)");
      }
      if (reason == ReassignReason.WRONG_TOPIC && correctTopic == null) {
        throw new ApiException(400, "reason wrong_topic needs \"correctTopic\": the topic the feedback is about");
      }
      if (correctTopic != null && reason != ReassignReason.WRONG_TOPIC) {
        throw new ApiException(400, "\"correctTopic\" goes with \"reason\": \"wrong_topic\"");
      }
      if (correctTopic != null && !correctTopic.matches(NAME)) {
        throw new ApiException(400, "correctTopic must be a taxonomy topic id (lower case, digits, _ -)");
      }
    } else if (reassignTo != null || reason != null || correctTopic != null) {
      throw new ApiException(400, "reassignTo, reason and correctTopic go with type REASSIGNED only");
    }
    if (code != null || rootCause != null) {
      if (type != TaskEventType.RESOLVED) {
        throw new ApiException(400, "\"resolution\" goes with type RESOLVED only");
      }
    }
    return new TaskAction(type, actor, note, reassignTo, reason, correctTopic, code, rootCause);
  }

  TaskEvent toEvent(String taskId, String eventId, String defaultActor, Instant at) {
    return TaskEvent.newBuilder()
        .setTaskId(taskId)
        .setType(type)
        .setActor(actor == null ? defaultActor : actor)
        .setOccurredAt(at)
        .setNote(note)
        .setReassignTo(reassignTo)
        .setEventId(eventId)
        .setResolutionCode(code)
        .setRootCause(rootCause)
        .setReason(reason)
        .setCorrectTopic(correctTopic)
        .build();
  }

  private static String text(JsonNode json, String field, int max) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new ApiException(400, "\"" + field + "\" must be a string");
    }
    String value = node.asText();
    if (value.length() > max) {
      throw new ApiException(400, "\"" + field + "\" has " + value.length() + " characters; at most " + max);
    }
    return value.isBlank() ? null : value;
  }

  /** Enum symbols are written in lower case in JSON: {@code wrong_topic}, {@code not_our_area}. */
  private static <E extends Enum<E>> E symbol(E[] values, String text, String field) {
    if (text == null) {
      return null;
    }
    return Arrays.stream(values).filter(v -> v.name().equalsIgnoreCase(text)).findFirst()
        .orElseThrow(() -> new ApiException(400, "unknown " + field + " '" + text + "': one of "
            + Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList()));
  }
}
