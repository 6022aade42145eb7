package org.feedbackrouter.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.feedbackrouter.route.DepartmentTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands before a {@code tasks.<department>} or {@code alerts.<department>} sink and holds records
 * whose department's topics are not known to exist, instead of letting the producer block on a
 * missing topic or fail the transaction (which would dead-letter good feedback, or stall every
 * other department's work). Held records live in a changelogged store, so they commit with the
 * rest of the transaction; a wall-clock punctuator sends them on, in their order, once the
 * department is ready. While a department has held records its new ones queue behind them.
 *
 * <p>Store keys are {@code department|sequence|timestamp|record key}, so a prefix scan gives one
 * department's records in arrival order.
 */
final class DepartmentGate<V> implements Processor<String, V, String, V> {
  private static final Logger LOG = LoggerFactory.getLogger(DepartmentGate.class);
  private static final char SEP = '|';

  private final String storeName;
  private final Function<V, String> departmentOf;
  private final DepartmentTopics departments;
  private final Duration retry;
  private final Set<String> held = new TreeSet<>();
  private ProcessorContext<String, V> context;
  private KeyValueStore<String, V> store;
  private long sequence;

  DepartmentGate(String storeName, Function<V, String> departmentOf, DepartmentTopics departments, Duration retry) {
    this.storeName = storeName;
    this.departmentOf = departmentOf;
    this.departments = departments;
    this.retry = retry;
  }

  @Override
  public void init(ProcessorContext<String, V> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    held.clear();
    sequence = 0;
    try (KeyValueIterator<String, V> all = store.all()) {
      all.forEachRemaining(kv -> {
        HeldKey key = HeldKey.parse(kv.key);
        held.add(key.department());
        sequence = Math.max(sequence, key.sequence() + 1);
      });
    }
    context.schedule(retry, PunctuationType.WALL_CLOCK_TIME, now -> releaseReady());
  }

  @Override
  public void process(Record<String, V> record) {
    String department = departmentOf.apply(record.value());
    if (departments.ready(department)) {
      if (held.contains(department)) {
        release(department);
      }
      context.forward(record);
      return;
    }
    if (held.add(department)) {
      LOG.info("Holding records for department {} until its topics exist", department);
    }
    store.put(new HeldKey(department, sequence++, record.timestamp(), record.key()).format(), record.value());
  }

  private void releaseReady() {
    for (String department : List.copyOf(held)) {
      if (departments.ready(department)) {
        release(department);
      }
    }
  }

  private void release(String department) {
    List<KeyValue<String, V>> records = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.prefixScan(department + SEP, new StringSerializer())) {
      it.forEachRemaining(records::add);
    }
    for (KeyValue<String, V> kv : records) {
      HeldKey key = HeldKey.parse(kv.key);
      context.forward(new Record<>(key.recordKey(), kv.value, key.timestamp()));
      store.delete(kv.key);
    }
    held.remove(department);
    LOG.info("Sent {} held record(s) to department {}", records.size(), department);
  }

  /** Department names have no {@code |} (see the ownership file's rules); record keys may. */
  record HeldKey(String department, long sequence, long timestamp, String recordKey) {
    String format() {
      return String.format(Locale.ROOT, "%s%c%019d%c%d%c%s", department, SEP, sequence, SEP, timestamp, SEP,
          recordKey == null ? "" : recordKey);
    }

    static HeldKey parse(String key) {
      int a = key.indexOf(SEP);
      int b = key.indexOf(SEP, a + 1);
      int c = key.indexOf(SEP, b + 1);
      return new HeldKey(key.substring(0, a), Long.parseLong(key.substring(a + 1, b)),
          Long.parseLong(key.substring(b + 1, c)), key.substring(c + 1));
    }
  }
}
