package org.feedbackrouter.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * Picks {@code <prefix>tasks.<department>} or {@code <prefix>alerts.<department>} for a record.
 * Names are built once per department, and {@link #toString()} is stable, so
 * {@code topology.describe()} can be pinned in a test.
 */
final class DepartmentTopic<V> implements TopicNameExtractor<String, V> {
  private final String prefix;
  private final Function<V, String> department;
  private final Map<String, String> names = new ConcurrentHashMap<>();

  DepartmentTopic(String prefix, Function<V, String> department) {
    this.prefix = prefix;
    this.department = department;
  }

  @Override
  public String extract(String key, V value, RecordContext context) {
    return names.computeIfAbsent(department.apply(value), d -> prefix + d);
  }

  @Override
  public String toString() {
    return prefix + "<department>";
  }
}
