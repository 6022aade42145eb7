package org.feedbackrouter.lifecycle;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tasks ordered by the time they next need looking at, so the SLA check reads only what is due
 * instead of scanning every task. Keys are {@code <13-digit epoch millis>|<task id>}, which sort
 * by time in the store's byte order.
 */
final class DueIndex {
  /** Entry kinds: an SLA check, or removal of a resolved task after its retention. */
  static final String CHECK = "check";
  static final String PURGE = "purge";

  private final KeyValueStore<String, String> store;

  DueIndex(KeyValueStore<String, String> store) {
    this.store = store;
  }

  void add(long dueMs, String taskId, String kind) {
    store.put(key(dueMs, taskId), kind);
  }

  void remove(long dueMs, String taskId) {
    store.delete(key(dueMs, taskId));
  }

  /** Empties the index, before it is rebuilt from the task store. */
  void clear() {
    List<String> keys;
    do {
      keys = new ArrayList<>();
      // In chunks, so a million stale entries never sit on the heap at once.
      try (KeyValueIterator<String, String> it = store.all()) {
        while (it.hasNext() && keys.size() < 10_000) {
          keys.add(it.next().key);
        }
      }
      keys.forEach(store::delete);
    } while (!keys.isEmpty());
  }

  /** Removes and returns up to {@code limit} entries due at or before {@code nowMs}, earliest first. */
  List<Due> takeDue(long nowMs, int limit) {
    List<Due> due = new ArrayList<>();
    try (KeyValueIterator<String, String> it = store.range(key(0, ""), key(nowMs, "\uffff"))) {
      while (it.hasNext() && due.size() < limit) {
        KeyValue<String, String> kv = it.next();
        due.add(new Due(kv.key, Long.parseLong(kv.key.substring(0, 13)), kv.key.substring(14), kv.value));
      }
    }
    due.forEach(d -> store.delete(d.key()));
    return due;
  }

  private static String key(long dueMs, String taskId) {
    // Zero-padded by hand: String.format cost more than the store write in the bench profile.
    String millis = Long.toString(dueMs);
    return "0".repeat(Math.max(0, 13 - millis.length())) + millis + '|' + taskId;
  }

  record Due(String key, long dueMs, String taskId, String kind) {}
}
