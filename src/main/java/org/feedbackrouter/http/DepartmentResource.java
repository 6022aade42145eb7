package org.feedbackrouter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.feedbackrouter.access.Caller;
import org.feedbackrouter.avro.TaskState;

/**
 * {@code GET /api/departments} and {@code GET /api/departments/{d}/tasks}. A department's tasks
 * are spread over every instance's share of the task store: each instance returns its first page
 * after the cursor, and the one asked merges them and keeps the first {@code limit}.
 */
final class DepartmentResource {
  private final ApiStores stores;
  private final TaskJson json;
  private final InstanceClient instances;
  private final String taskStore;
  private final HostInfo self;

  DepartmentResource(ApiStores stores, TaskJson json, InstanceClient instances, String taskStore, HostInfo self) {
    this.stores = stores;
    this.json = json;
    this.instances = instances;
    this.taskStore = taskStore;
    this.self = self;
  }

  /** Every caller may list the departments: a department needs the names to reassign a task. */
  void list(HttpCall call, KafkaStreams ks) throws IOException {
    ObjectNode body = call.object();
    ArrayNode departments = body.putArray("departments");
    stores.departments(ks).forEach(departments::add);
    call.json(200, body);
  }

  void tasks(HttpCall call, Caller caller, KafkaStreams ks, String department) throws IOException {
    if (!department.matches("[a-z0-9][a-z0-9_.-]*")) {
      throw new ApiException(400, "'" + department + "' is not a department name");
    }
    TaskQuery query = TaskQuery.parse(department, call.query());
    if (!stores.departments(ks).contains(department)) {
      throw new ApiException(404, "no department '" + department + "': GET /api/departments lists them");
    }
    if (!caller.mayAccess(department)) {
      throw new ApiException(403, "a department's token reads only its own tasks");
    }
    List<JsonNode> tasks = new ArrayList<>();
    boolean more = local(ks, query, tasks);
    if (!call.localOnly()) {
      for (StreamsMetadata m : ks.streamsMetadataForStore(taskStore)) {
        HostInfo host = m.hostInfo();
        if (host.equals(self) || host.port() <= 0) {
          continue;
        }
        HttpResponse<String> r = instances.get(host, "/api/departments/" + department + "/tasks?"
            + query.toQueryString() + "&local=true", call.header("Authorization"));
        if (r.statusCode() != 200) {
          throw new ApiException(502, "instance " + host + " answered " + r.statusCode());
        }
        JsonNode page = call.readJson(r.body());
        page.path("tasks").forEach(tasks::add);
        more |= page.hasNonNull("nextCursor");
      }
    }
    tasks.sort(Comparator.comparing(DepartmentResource::cursorOf));
    if (tasks.size() > query.limit()) {
      tasks = tasks.subList(0, query.limit());
      more = true;
    }
    ObjectNode body = call.object();
    body.put("department", department);
    body.put("status", query.status());
    body.put("count", tasks.size());
    ArrayNode array = body.putArray("tasks");
    tasks.forEach(array::add);
    body.put("nextCursor", more && !tasks.isEmpty() ? cursorOf(tasks.get(tasks.size() - 1)).encode() : null);
    call.json(200, body);
  }

  /** This instance's first page; true when it holds more matching tasks after it. */
  private boolean local(KafkaStreams ks, TaskQuery query, List<JsonNode> out) {
    List<TaskState> matching = new ArrayList<>();
    try (KeyValueIterator<String, TaskState> all = stores.tasks(ks).all()) {
      all.forEachRemaining(kv -> {
        if (query.matches(kv.value)) {
          matching.add(kv.value);
        }
      });
    }
    matching.sort(Comparator.comparing(s -> PageCursor.of(s.getTask().getResolveDueAt(), s.getTask().getTaskId())));
    matching.stream().limit(query.limit()).forEach(s -> out.add(json.summary(s)));
    return matching.size() > query.limit();
  }

  private static PageCursor cursorOf(JsonNode summary) {
    return PageCursor.of(Instant.parse(summary.path("resolveDueAt").asText()), summary.path("taskId").asText());
  }
}
