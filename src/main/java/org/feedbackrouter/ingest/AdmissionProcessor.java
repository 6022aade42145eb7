package org.feedbackrouter.ingest;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.metrics.FeedbackMetrics;

/**
 * Lets a feedback event in once: counts it, validates it (rejections go to the dead-letter topic
 * through {@link DeadLetterHandler}) and drops an id already seen within the dedup window, because
 * upstream pipelines retry. Dedup is per partition, which is exact when pipelines key by feedback
 * id, as the {@code produce} command does.
 */
public final class AdmissionProcessor
    implements FixedKeyProcessor<String, FeedbackReceived, FeedbackReceived> {
  private final FeedbackValidator validator;
  private final FeedbackMetrics metrics;
  private final String storeName;
  private final long windowMs;
  private FixedKeyProcessorContext<String, FeedbackReceived> context;
  private WindowStore<String, Long> seen;

  public AdmissionProcessor(FeedbackValidator validator, FeedbackMetrics metrics, String storeName,
      Duration window) {
    this.validator = validator;
    this.metrics = metrics;
    this.storeName = storeName;
    this.windowMs = window.toMillis();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, FeedbackReceived> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, FeedbackReceived> record) {
    FeedbackReceived feedback = record.value();
    if (feedback == null) {
      throw new RejectedRecordException(RejectReason.MISSING_FIELD, "null value (tombstone) on the input topic");
    }
    metrics.received(feedback.getChannel());
    validator.validate(feedback, context.currentSystemTimeMs());
    long ts = record.timestamp();
    try (WindowStoreIterator<Long> earlier = seen.fetch(feedback.getId(), ts - windowMs, ts + windowMs)) {
      if (earlier.hasNext()) {
        metrics.duplicate();
        return;
      }
    }
    seen.put(feedback.getId(), ts, ts);
    context.forward(record);
  }
}
