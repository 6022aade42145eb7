package org.feedbackrouter.surge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.SurgeCount;

/**
 * Counts classified feedback per topic and bucket within one input partition, and sends the
 * counts on to the surge detector every {@code flushInterval}. The detector needs every
 * partition's feedback on a topic in one place, but not one record per feedback: batching here
 * turns a repartition write, a read and a state update per feedback into a few per second.
 * The counts sit in a logged store, so a batch not yet sent survives a crash and is sent once.
 * The sample texts that go with them are only illustrations: they stay in memory, since writing
 * them to the store with every feedback cost more than the count itself, and a crash loses at
 * most one second's samples, never a count.
 */
public final class SurgeCounter implements Processor<String, ClassifiedFeedback, String, SurgeCount> {
  private final SurgeSettings settings;
  private final long advanceMs;
  private final Map<String, List<String>> samples = new HashMap<>();
  private ProcessorContext<String, SurgeCount> context;
  private KeyValueStore<String, SurgeCount> store;

  public SurgeCounter(SurgeSettings settings) {
    this.settings = settings;
    this.advanceMs = settings.advance().toMillis();
  }

  @Override
  public void init(ProcessorContext<String, SurgeCount> context) {
    this.context = context;
    this.store = context.getStateStore(settings.countStore());
    context.schedule(settings.flushInterval(), PunctuationType.WALL_CLOCK_TIME, now -> flush());
  }

  @Override
  public void process(Record<String, ClassifiedFeedback> record) {
    String topic = record.value().getPrimaryTopic();
    long bucket = Math.floorDiv(record.timestamp(), advanceMs) * advanceMs;
    String key = topic + '|' + bucket;
    SurgeCount count = store.get(key);
    if (count == null) {
      count = new SurgeCount(topic, bucket, 0L, record.timestamp(), new ArrayList<>());
    }
    count.setCount(count.getCount() + 1);
    count.setLatestAt(Math.max(count.getLatestAt(), record.timestamp()));
    store.put(key, count);
    SurgeProcessor.addSamples(samples.computeIfAbsent(key, k -> new ArrayList<>()),
        List.of(record.value().getRedactedText()));
  }

  private void flush() {
    List<KeyValue<String, SurgeCount>> counts = new ArrayList<>();
    try (KeyValueIterator<String, SurgeCount> all = store.all()) {
      all.forEachRemaining(counts::add);
    }
    for (KeyValue<String, SurgeCount> kv : counts) {
      SurgeCount count = kv.value;
      count.setSamples(samples.getOrDefault(kv.key, List.of()));
      context.forward(new Record<>(count.getTopic(), count, count.getLatestAt()));
      store.delete(kv.key);
    }
    samples.clear();
  }
}
