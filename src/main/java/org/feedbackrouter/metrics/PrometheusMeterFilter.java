package org.feedbackrouter.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes meters fit Prometheus' rules before they are registered.
 *
 * <ul>
 *   <li>Kafka Streams tags a state store's metrics by its kind: {@code rocksdb-state-id},
 *       {@code rocksdb-window-state-id}, {@code in-memory-state-id}... Prometheus needs every meter of
 *       one name to have the same tag keys, so {@code PrometheusMeterRegistry} refused the meters of
 *       every store kind but the first (Micrometer logs that once, then only at DEBUG). They become
 *       {@code store} (the name) and {@code store_type} (the kind: {@code rocksdb-window-state}).</li>
 *   <li>Kafka reports some gauges named {@code ...-count} (e.g. {@code connection-count}), and Micrometer
 *       has {@code system.cpu.count}. In Prometheus {@code _count} belongs to histograms and summaries, and
 *       {@code promtool check metrics} objects; such gauges end in {@code _number} instead
 *       ({@code kafka_admin_client_connection_number}, {@code system_cpu_number}).</li>
 * </ul>
 */
public final class PrometheusMeterFilter implements MeterFilter {
  private static final String STATE_METERS = "kafka.stream.state.";
  private static final String STORE_ID_SUFFIX = "state.id";

  @Override
  public Meter.Id map(Meter.Id id) {
    Meter.Id out = id;
    if (id.getName().startsWith(STATE_METERS)) {
      out = storeTags(out);
    }
    return out;
  }

  /**
   * Names gauges ending in {@code count} with {@code _number} at export. A naming convention rather than
   * a renamed id: Micrometer's Kafka binder finds its meters again by their own names at each refresh,
   * and a renamed one would be registered anew ("This Gauge has been already registered").
   */
  public static NamingConvention naming() {
    NamingConvention prometheus = new PrometheusNamingConvention();
    return new NamingConvention() {
      @Override
      public String name(String name, Meter.Type type, String baseUnit) {
        String renamed = type == Meter.Type.GAUGE && name.endsWith(".count")
            ? name.substring(0, name.length() - ".count".length()) + ".number" : name;
        return prometheus.name(renamed, type, baseUnit);
      }

      @Override
      public String tagKey(String key) {
        return prometheus.tagKey(key);
      }

      @Override
      public String tagValue(String value) {
        return prometheus.tagValue(value);
      }
    };
  }

  private static Meter.Id storeTags(Meter.Id id) {
    List<Tag> tags = new ArrayList<>();
    boolean changed = false;
    for (Tag tag : id.getTagsAsIterable()) {
      String key = tag.getKey();
      if (key.endsWith(STORE_ID_SUFFIX)) {
        // Micrometer turned Kafka's dashes into dots: "rocksdb.window.state.id".
        String kind = key.substring(0, key.length() - ".id".length()).replace('.', '-');
        tags.add(Tag.of("store", tag.getValue()));
        tags.add(Tag.of("store.type", kind));
        changed = true;
      } else {
        tags.add(tag);
      }
    }
    return changed ? id.replaceTags(tags) : id;
  }
}
