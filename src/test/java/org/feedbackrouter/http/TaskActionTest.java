package org.feedbackrouter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.feedbackrouter.avro.ReassignReason;
import org.feedbackrouter.avro.ResolutionCode;
import org.feedbackrouter.avro.TaskEvent;
import org.feedbackrouter.avro.TaskEventType;
import org.junit.jupiter.api.Test;

class TaskActionTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static TaskAction parse(String json) {
    return TaskAction.parse(MAPPER, json.getBytes(StandardCharsets.UTF_8));
  }

  private static void refused(String json, String message) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(ApiException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
  }

  @Test
  void aResolutionWithCodeAndRootCauseBecomesAnEvent() {
    TaskAction action = parse("""
        {"type": "RESOLVED", "actor": "ana@finance", "note": "refunded",
         "resolution": {"code": "not_our_area", "rootCause": "carrier lost the parcel"}}""");
    Instant at = Instant.parse("2026-11-30T10:00:00Z");
    TaskEvent event = action.toEvent("t-1", "e-1", "api:finance", at);

    assertThat(event.getType()).isEqualTo(TaskEventType.RESOLVED);
    assertThat(event.getActor()).isEqualTo("ana@finance");
    assertThat(event.getResolutionCode()).isEqualTo(ResolutionCode.NOT_OUR_AREA);
    assertThat(event.getRootCause()).isEqualTo("carrier lost the parcel");
    assertThat(event.getNote()).isEqualTo("refunded");
    assertThat(event.getEventId()).isEqualTo("e-1");
    assertThat(event.getTaskId()).isEqualTo("t-1");
    assertThat(event.getOccurredAt()).isEqualTo(at);
  }

  @Test
  void aWrongTopicReassignmentCarriesTheRightTopic() {
    TaskEvent event = parse("""
        {"type": "reassigned", "reassignTo": "logistics", "reason": "wrong_topic", "correctTopic": "delivery"}""")
        .toEvent("t-1", "e-1", "api:finance", Instant.EPOCH);

    assertThat(event.getType()).isEqualTo(TaskEventType.REASSIGNED);
    assertThat(event.getActor()).as("the caller's department when no actor is given").isEqualTo("api:finance");
    assertThat(event.getReason()).isEqualTo(ReassignReason.WRONG_TOPIC);
    assertThat(event.getCorrectTopic()).isEqualTo("delivery");
    assertThat(event.getReassignTo()).isEqualTo("logistics");
  }

  @Test
  void malformedOrIncompleteBodiesAreRefusedWithTheReason() {
    refused("{\"type\": ", "malformed JSON");
    refused("[1, 2]", "must be a JSON object");
    refused("{}", "missing \"type\"");
    refused("{\"type\": \"CLOSED\"}", "unknown type 'CLOSED'");
    refused("{\"type\": 3}", "\"type\" must be a string");
    refused("{\"type\": \"REASSIGNED\"}", "REASSIGNED needs \"reassignTo\"");
    refused("{\"type\": \"REASSIGNED\", \"reassignTo\": \"Logistics Dept\"}", "must be a department name");
    refused("{\"type\": \"REASSIGNED\", \"reassignTo\": \"it\", \"reason\": \"wrong_topic\"}", "needs \"correctTopic\"");
    refused("{\"type\": \"REASSIGNED\", \"reassignTo\": \"it\", \"correctTopic\": \"x\"}", "goes with \"reason\"");
    refused("{\"type\": \"REASSIGNED\", \"reassignTo\": \"it\", \"reason\": \"bored\"}", "unknown reason 'bored'");
    refused("{\"type\": \"ACKNOWLEDGED\", \"reassignTo\": \"it\"}", "go with type REASSIGNED only");
    refused("{\"type\": \"ACKNOWLEDGED\", \"resolution\": {\"code\": \"fixed\"}}", "goes with type RESOLVED only");
    refused("{\"type\": \"RESOLVED\", \"resolution\": {\"code\": \"magic\"}}", "unknown resolution.code 'magic'");
    refused("{\"type\": \"RESOLVED\", \"resolution\": \"fixed\"}", "must be an object");
    refused("{\"type\": \"RESOLVED\", \"resolution\": {\"why\": \"x\"}}", "unknown field 'resolution.why'");
    refused("{\"type\": \"RESOLVED\", \"assignee\": \"bob\"}", "unknown field 'assignee'");
  }

  @Test
  void aNoteMayHaveFourThousandCharactersAndNoMore() {
    assertThat(parse("{\"type\": \"COMMENTED\", \"note\": \"" + "a".repeat(4000) + "\"}").note()).hasSize(4000);
    refused("{\"type\": \"COMMENTED\", \"note\": \"" + "a".repeat(4001) + "\"}", "\"note\" has 4001 characters; at most 4000");
  }
}
