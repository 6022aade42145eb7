package org.feedbackrouter.cli;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.feedbackrouter.access.ApiTokens;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.avro.TaskStatus;
import org.feedbackrouter.simulate.DepartmentSimulator;
import org.feedbackrouter.topology.FeedbackTopology;

/**
 * The demo's API access: the tokens of {@code FEEDBACK_API_TOKENS} when set (never printed), or
 * fresh admin and finance tokens for this run, printed with a {@code curl} that resolves a
 * finance task the simulated departments leave open.
 */
final class DemoAccess {
  static final String DEPARTMENT = "finance";

  private final String spec;
  private final String token;

  private DemoAccess(String spec, String token) {
    this.spec = spec;
    this.token = token;
  }

  static DemoAccess of(String fromEnvironment, SecureRandom random) {
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new DemoAccess(fromEnvironment, null);
    }
    String admin = ApiTokens.generate(random);
    String finance = ApiTokens.generate(random);
    return new DemoAccess(ApiTokens.ADMIN + ":" + admin + "," + DEPARTMENT + ":" + finance, finance);
  }

  /** The value for {@code feedback.api.tokens}. */
  String spec() {
    return spec;
  }

  /** What to tell the person watching about tokens: the generated ones, or where theirs come from. */
  String tokenLine() {
    if (token == null) {
      return "  API tokens    from FEEDBACK_API_TOKENS";
    }
    String admin = spec.substring(ApiTokens.ADMIN.length() + 1, spec.indexOf(','));
    return "  API tokens    finance " + token + "   admin " + admin + "   (made for this run)";
  }

  /** Ready-to-paste commands that resolve the task with a code, then show its history; short lines. */
  List<String> curl(String base, String taskId) {
    String auth = "-H \"Authorization: Bearer $T\"";
    return List.of(
        "Resolve a finance task by hand, then see its history:",
        "  T=" + (token == null ? "<finance or admin token>" : token) + "; TASK=" + base + "/api/tasks/" + taskId,
        "  curl -X POST " + auth + " -H 'Content-Type: application/json' \\",
        "    -d '{\"type\":\"RESOLVED\",\"resolution\":{\"code\":\"fixed\"}}' $TASK/events",
        "  curl " + auth + " $TASK");
  }

  /** An open finance task the simulated departments will not resolve, once one exists. */
  static Optional<String> taskToResolve(KafkaStreams streams) {
    try {
      ReadOnlyKeyValueStore<String, TaskState> store = streams.store(StoreQueryParameters.fromNameAndType(
          FeedbackTopology.TASK_STORE, QueryableStoreTypes.keyValueStore()));
      try (KeyValueIterator<String, TaskState> all = store.all()) {
        while (all.hasNext()) {
          TaskState s = all.next().value;
          if (s.getTask().getDepartment().equals(DEPARTMENT) && s.getStatus() != TaskStatus.RESOLVED
              && s.getStatus() != TaskStatus.REASSIGNED && DepartmentSimulator.leavesOpen(s.getTask())) {
            return Optional.of(s.getTask().getTaskId());
          }
        }
      }
    } catch (InvalidStateStoreException e) {
      // Restoring or rebalancing: look again at the next summary.
    }
    return Optional.empty();
  }
}
