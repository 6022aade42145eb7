package org.feedbackrouter.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.avro.TaskStatus;

/**
 * One page of a department's task list: filters on status, priority and topic, at most
 * {@code limit} tasks after the cursor, in {@link PageCursor} order.
 *
 * @param status {@code open} (OPEN or ACKNOWLEDGED), {@code acknowledged}, {@code resolved},
 *     {@code reassigned} or {@code all}
 * @param priority null for every priority
 * @param topic null for every topic
 * @param after null for the first page
 */
record TaskQuery(String department, String status, Priority priority, String topic, int limit, PageCursor after) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final List<String> STATUSES = List.of("open", "acknowledged", "resolved", "reassigned", "all");
  private static final Set<String> PARAMETERS = Set.of("status", "priority", "topic", "limit", "cursor", "local");

  /** @throws ApiException 400 naming the first bad parameter */
  static TaskQuery parse(String department, Map<String, String> query) {
    for (String name : query.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new ApiException(400, "unknown parameter '" + name + "': use status, priority, topic, limit, cursor");
      }
    }
    String status = query.getOrDefault("status", "open");
    if (!STATUSES.contains(status)) {
      throw new ApiException(400, "status must be one of " + STATUSES + "; was '" + status + "'");
    }
    Priority priority = null;
    if (query.containsKey("priority")) {
      priority = Arrays.stream(Priority.values())
          .filter(p -> p.name().equalsIgnoreCase(query.get("priority"))).findFirst()
          .orElseThrow(() -> new ApiException(400, "priority must be one of " + Arrays.toString(Priority.values())));
    }
    String topic = query.get("topic");
    if (topic != null && !topic.matches("[a-z0-9][a-z0-9_-]{0,99}")) {
      throw new ApiException(400, "topic must be a taxonomy topic id (lower case, digits, _ -)");
    }
    int limit = DEFAULT_LIMIT;
    if (query.containsKey("limit")) {
      try {
        limit = Integer.parseInt(query.get("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_LIMIT);
      }
    }
    PageCursor after = query.containsKey("cursor") ? PageCursor.decode(query.get("cursor")) : null;
    return new TaskQuery(department, status, priority, topic, limit, after);
  }

  boolean matches(TaskState state) {
    var task = state.getTask();
    return task.getDepartment().equals(department)
        && statusMatches(state.getStatus())
        && (priority == null || task.getPriority() == priority)
        && (topic == null || task.getTopic().equals(topic))
        && (after == null || PageCursor.of(task.getResolveDueAt(), task.getTaskId()).compareTo(after) > 0);
  }

  private boolean statusMatches(TaskStatus s) {
    return switch (status) {
      case "open" -> s == TaskStatus.OPEN || s == TaskStatus.ACKNOWLEDGED;
      case "all" -> true;
      default -> s.name().toLowerCase(Locale.ROOT).equals(status);
    };
  }

  /** The same query for another instance's local share. */
  String toQueryString() {
    StringBuilder q = new StringBuilder("status=").append(status).append("&limit=").append(limit);
    if (priority != null) {
      q.append("&priority=").append(priority.name());
    }
    if (topic != null) {
      q.append("&topic=").append(topic);
    }
    if (after != null) {
      q.append("&cursor=").append(URLEncoder.encode(after.encode(), StandardCharsets.UTF_8));
    }
    return q.toString();
  }
}
