package org.feedbackrouter.surge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.AlertKind;
import org.feedbackrouter.avro.GovernanceModel;
import org.feedbackrouter.avro.SurgeCount;
import org.feedbackrouter.avro.SurgeState;
import org.feedbackrouter.avro.SurgePolicy;
import org.feedbackrouter.route.Ids;
import org.feedbackrouter.route.OwnershipTable;
import org.feedbackrouter.route.TopicOwnership;

/**
 * Detects a wave of feedback on one topic, such as self-service comments about one defect.
 * Counts arrive keyed by topic id, batched per input partition by {@link SurgeCounter}, with a
 * few redacted texts. Counts go into buckets one advance long; a window is the last few buckets. A window that reaches the topic's floor and exceeds a
 * multiple of its baseline (an exponentially weighted average of earlier, non-surge windows)
 * raises one SURGE alert to the owner, the supporting departments and, under the committee
 * model, the committee; the first window back under the threshold sends SURGE_ENDED. Before a
 * topic has any history its baseline is zero, so only the floor applies.
 */
public final class SurgeProcessor implements Processor<String, SurgeCount, String, Alert> {
  private static final int SAMPLES = 3;
  /** Gaps longer than this many windows just decay the baseline to its limit. */
  private static final int MAX_ROLL = 64;

  private final SurgeSettings settings;
  private final long advanceMs;
  private final int buckets;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, SurgeState> store;
  private OwnershipTable ownership;

  public SurgeProcessor(SurgeSettings settings) {
    this.settings = settings;
    this.advanceMs = settings.advance().toMillis();
    this.buckets = settings.bucketsPerWindow();
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.store = context.getStateStore(settings.stateStore());
    this.ownership = OwnershipTable.overStore(context.getStateStore(settings.ownershipStore()), settings.fallbackDepartment());
    // Ends surges on quiet topics, where no record arrives to close the window.
    context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::closeQuiet);
  }

  @Override
  public void process(Record<String, SurgeCount> record) {
    String topic = record.key();
    long bucket = record.value().getBucketStart();
    SurgeState state = store.get(topic);
    if (state == null) {
      state = new SurgeState(topic, bucket, new ArrayList<>(java.util.Collections.nCopies(buckets, 0L)),
          0.0, false, null, 0L, new ArrayList<>());
    }
    if (bucket < state.getNewestBucketStart() - (buckets - 1) * advanceMs) {
      return; // Too late to count in any open window.
    }
    roll(state, bucket, record.timestamp());
    List<Long> counts = state.getBuckets();
    int slot = buckets - 1 - (int) ((state.getNewestBucketStart() - bucket) / advanceMs);
    counts.set(slot, counts.get(slot) + record.value().getCount());
    addSamples(state.getSamples(), record.value().getSamples());
    long window = sum(counts);
    SurgePolicy policy = ownership.resolve(topic).surge();
    if (!state.getActive() && window >= policy.getMinCount()
        && window > policy.getBaselineMultiplier() * state.getBaseline()) {
      state.setActive(true);
      state.setSurgeStartedAt(state.getNewestBucketStart());
      state.setPeak(window);
      raise(state, AlertKind.SURGE, window, record.timestamp());
    } else if (state.getActive()) {
      state.setPeak(Math.max(state.getPeak(), window));
    }
    store.put(topic, state);
  }

  /** Advances the buckets to {@code bucket}, closing the windows passed on the way. */
  private void roll(SurgeState state, long bucket, long now) {
    long steps = (bucket - state.getNewestBucketStart()) / advanceMs;
    List<Long> counts = state.getBuckets();
    for (long i = 0; i < Math.min(steps, MAX_ROLL); i++) {
      closeWindow(state, sum(counts), now);
      counts.remove(0);
      counts.add(0L);
    }
    if (steps > MAX_ROLL) {
      counts.replaceAll(c -> 0L);
      state.setBaseline(state.getBaseline() * Math.pow(1 - settings.baselineWeight(), steps - MAX_ROLL));
    }
    if (steps > 0) {
      state.setNewestBucketStart(bucket);
    }
  }

  private void closeWindow(SurgeState state, long count, long now) {
    SurgePolicy policy = ownership.resolve(state.getTopic()).surge();
    boolean over = count >= policy.getMinCount() && count > policy.getBaselineMultiplier() * state.getBaseline();
    if (state.getActive()) {
      if (!over) {
        raise(state, AlertKind.SURGE_ENDED, count, now);
        state.setActive(false);
        state.setSurgeStartedAt(null);
        state.setPeak(0L);
      }
      return; // A surge does not raise its own baseline.
    }
    double w = settings.baselineWeight();
    state.setBaseline(w * count + (1 - w) * state.getBaseline());
  }

  private void closeQuiet(long now) {
    List<SurgeState> active = new ArrayList<>();
    try (KeyValueIterator<String, SurgeState> all = store.all()) {
      all.forEachRemaining(kv -> {
        if (kv.value.getActive()) {
          active.add(kv.value);
        }
      });
    }
    for (SurgeState state : active) {
      long bucket = Math.floorDiv(now, advanceMs) * advanceMs;
      if (bucket > state.getNewestBucketStart()) {
        roll(state, bucket, now);
        store.put(state.getTopic(), state);
      }
    }
  }

  private void raise(SurgeState state, AlertKind kind, long count, long now) {
    TopicOwnership owner = ownership.resolve(state.getTopic());
    Set<String> to = new LinkedHashSet<>();
    to.add(owner.owner());
    to.addAll(owner.supporting());
    if (owner.governance() == GovernanceModel.COMMITTEE && owner.committee() != null) {
      to.add(owner.committee());
    }
    String surgeId = Long.toString(state.getSurgeStartedAt());
    for (String department : to) {
      String message = kind == AlertKind.SURGE
          ? count + " feedback on '" + state.getTopic() + "' in " + settings.window().toMinutes()
              + " min, against a baseline of " + String.format(java.util.Locale.ROOT, "%.1f", state.getBaseline())
          : "Surge on '" + state.getTopic() + "' is over; it peaked at " + state.getPeak() + " per "
              + settings.window().toMinutes() + " min";
      Alert alert = Alert.newBuilder()
          .setAlertId(Ids.alert(kind.name(), state.getTopic(), surgeId, department))
          .setKind(kind)
          .setDepartment(department)
          .setTopic(state.getTopic())
          .setCount(count)
          .setBaseline(state.getBaseline())
          .setSamples(List.copyOf(state.getSamples()))
          .setMessage(message)
          .setCreatedAt(Instant.ofEpochMilli(now))
          .build();
      context.forward(new Record<>(alert.getAlertId(), alert, now));
    }
  }

  /** Appends the newest texts, keeping the latest few. */
  static void addSamples(List<String> samples, List<String> newest) {
    samples.addAll(newest);
    while (samples.size() > SAMPLES) {
      samples.remove(0);
    }
  }

  private static long sum(List<Long> counts) {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }
}
