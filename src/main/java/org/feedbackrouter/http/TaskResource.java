package org.feedbackrouter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.feedbackrouter.access.Caller;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.avro.TaskEventType;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.lifecycle.TaskTransitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/tasks/{id}} and {@code POST /api/tasks/{id}/events}. Both run on the instance
 * whose store holds the task (others forward there with the caller's credentials), so the checks
 * for existence, access and transition read the task's current state. That state trails
 * {@code task.events} by the processing lag (usually well under a second): an action accepted
 * here can still be refused by the lifecycle processor, whose check is final (dead letter
 * {@code invalid_transition}).
 */
final class TaskResource {
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final Logger LOG = LoggerFactory.getLogger(TaskResource.class);

  private final ApiSettings settings;
  private final ApiStores stores;
  private final TaskJson json;
  private final InstanceClient instances;
  private final Supplier<TaskEvents> events;
  private final HostInfo self;

  TaskResource(ApiSettings settings, ApiStores stores, TaskJson json, InstanceClient instances,
      Supplier<TaskEvents> events, HostInfo self) {
    this.settings = settings;
    this.stores = stores;
    this.json = json;
    this.instances = instances;
    this.events = events;
    this.self = self;
  }

  void get(HttpCall call, Caller caller, KafkaStreams ks, String id) throws IOException {
    HostInfo owner = owner(call, ks, id);
    if (owner != null) {
      HttpResponse<String> r = instances.get(owner, "/api/tasks/" + encode(id) + "?local=true", call.header("Authorization"));
      call.send(r.statusCode(), HttpCall.JSON, r.body());
      return;
    }
    call.json(200, json.detail(accessible(caller, ks, id)));
  }

  void post(HttpCall call, Caller caller, KafkaStreams ks, String id) throws IOException {
    byte[] body = call.body();
    TaskAction action = TaskAction.parse(json.mapper(), body);
    String key = call.header(IDEMPOTENCY_KEY);
    if (key != null && !key.matches("[\\x21-\\x7e]{1,200}")) {
      throw new ApiException(400, IDEMPOTENCY_KEY + " must be 1 to 200 visible ASCII characters");
    }
    HostInfo owner = owner(call, ks, id);
    if (owner != null) {
      HttpResponse<String> r = instances.post(owner, "/api/tasks/" + encode(id) + "/events?local=true",
          call.header("Authorization"), key, body);
      call.send(r.statusCode(), HttpCall.JSON, r.body());
      return;
    }
    TaskState state = accessible(caller, ks, id);
    Task task = state.getTask();
    // The same key from the same department on the same task is the same event.
    String eventId = key == null ? UUID.randomUUID().toString()
        : UUID.nameUUIDFromBytes(String.join("\u001f", "event", id, caller.department(), key)
            .getBytes(StandardCharsets.UTF_8)).toString();
    if (!state.getRecentEventIds().contains(eventId)) {
      TaskTransitions.refusal(state.getStatus(), action.type()).ifPresent(why -> {
        throw new ApiException(409, action.type() + " is not possible: " + why);
      });
      if (action.type() == TaskEventType.REASSIGNED) {
        checkReassignment(ks, task, action);
      }
      write(action, id, eventId, caller);
    }
    ObjectNode answer = call.object();
    answer.put("eventId", eventId);
    answer.put("taskId", id);
    call.json(202, answer);
  }

  private void checkReassignment(KafkaStreams ks, Task task, TaskAction action) {
    if (action.reassignTo().equals(task.getDepartment())) {
      throw new ApiException(400, "reassignTo must name another department than the task's own");
    }
    if (!stores.departments(ks).contains(action.reassignTo())) {
      throw new ApiException(400, "reassignTo '" + action.reassignTo() + "' is not a known department:"
          + " GET /api/departments lists them");
    }
    if (action.correctTopic() != null && !settings.topics().isEmpty()
        && !settings.topics().contains(action.correctTopic())) {
      throw new ApiException(400, "correctTopic '" + action.correctTopic() + "' is not a topic of the taxonomy");
    }
  }

  private void write(TaskAction action, String id, String eventId, Caller caller) {
    TaskEvents sink = events.get();
    if (sink == null) {
      throw new ApiException(503, "not ready: the task event writer is not running yet");
    }
    try {
      sink.write(action.toEvent(id, eventId, "api:" + caller.department(), Instant.now()));
    } catch (KafkaException e) {
      LOG.warn("Could not write a task event for task {}: {}", id, e.toString());
      throw new ApiException(503, "could not write the event to Kafka; retry with the same " + IDEMPOTENCY_KEY);
    }
  }

  /** The task, or 404 when no task has the id and 403 when it is another department's. */
  private TaskState accessible(Caller caller, KafkaStreams ks, String id) {
    TaskState state = stores.tasks(ks).get(id);
    if (state == null) {
      throw new ApiException(404, "no task with id " + id);
    }
    if (!caller.mayAccess(state.getTask().getDepartment())) {
      throw new ApiException(403, "the task belongs to another department");
    }
    return state;
  }

  /** The instance to forward to, or null when this one answers. */
  private HostInfo owner(HttpCall call, KafkaStreams ks, String id) {
    if (id.isBlank() || id.length() > 200) {
      throw new ApiException(400, "malformed task id");
    }
    if (call.localOnly()) {
      return null;
    }
    KeyQueryMetadata where = ks.queryMetadataForKey(settings.taskStore(), id, Serdes.String().serializer());
    HostInfo owner = where == null ? null : where.activeHost();
    return owner != null && !owner.equals(self) && owner.port() > 0 ? owner : null;
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
