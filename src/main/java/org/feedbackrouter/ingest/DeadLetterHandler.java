package org.feedbackrouter.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.registry.SchemaRegistryException;
import org.feedbackrouter.registry.WrongSchemaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be processed to the dead-letter topic with their original bytes,
 * using Kafka Streams' own handlers (KIP-1033 for processing errors, KIP-1034 for dead-letter
 * records): the records go out in the same transaction as the task's other output, so a
 * rejection is neither lost nor doubled. Registry trouble (an outage, refused credentials, a
 * schema the registry will not accept) is not the record's fault, so it fails the thread instead:
 * outages are retried once the thread is replaced; the rest stop the service with a clear error.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
  /** Config key under which the service passes its {@link FeedbackMetrics} instance. */
  public static final String METRICS_CONFIG = "feedback.dead.letter.metrics";

  public static final String REASON = "dlq.reason";
  public static final String DETAIL = "dlq.detail";
  public static final String EXCEPTION = "dlq.exception";
  public static final String SOURCE_TOPIC = "dlq.source.topic";
  public static final String SOURCE_PARTITION = "dlq.source.partition";
  public static final String SOURCE_OFFSET = "dlq.source.offset";
  public static final String PROCESSOR = "dlq.processor";
  public static final String TIME = "dlq.time";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
  private static final int MAX_DETAIL = 500;

  private String topic;
  private FeedbackMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    Object t = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    Object m = configs.get(METRICS_CONFIG);
    if (t == null || !(m instanceof FeedbackMetrics)) {
      throw new IllegalStateException("DeadLetterHandler needs "
          + StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " and " + METRICS_CONFIG);
    }
    this.topic = t.toString();
    this.metrics = (FeedbackMetrics) m;
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (isOutage(exception)) {
      LOG.error("Schema Registry trouble while decoding {}-{}@{}; failing rather than dead-lettering it",
          context.topic(), context.partition(), context.offset(), exception);
      return DeserializationExceptionHandler.Response.fail();
    }
    RejectReason reason = deserializationReason(exception);
    return DeserializationExceptionHandler.Response.resume(
        List.of(deadLetter(context, record.key(), record.value(), reason, exception)));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (isOutage(exception)) {
      LOG.error("Schema Registry trouble in {}; failing rather than dead-lettering a good record",
          context.processorNodeId(), exception);
      return ProcessingExceptionHandler.Response.fail();
    }
    RejectReason reason;
    if (exception instanceof RejectedRecordException rejected) {
      reason = rejected.reason();
    } else {
      reason = RejectReason.PROCESSING_ERROR;
      LOG.warn("Processor {} failed on {}-{}@{}; record sent to the dead-letter topic",
          context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
    }
    return ProcessingExceptionHandler.Response.resume(List.of(
        deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), reason, exception)));
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      ErrorHandlerContext context, byte[] key, byte[] value, RejectReason reason, Exception e) {
    RecordHeaders headers = new RecordHeaders();
    if (context.headers() != null) {
      for (Header h : context.headers()) {
        headers.add(h);
      }
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    headers.add(REASON, utf8(reason.label()));
    headers.add(DETAIL, utf8(detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail));
    headers.add(EXCEPTION, utf8(e.getClass().getName()));
    headers.add(SOURCE_TOPIC, utf8(String.valueOf(context.topic())));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(context.partition())));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(context.offset())));
    headers.add(PROCESSOR, utf8(String.valueOf(context.processorNodeId())));
    headers.add(TIME, utf8(Instant.now().toString()));
    metrics.rejected(reason.label());
    return new ProducerRecord<>(topic, null, key, value, headers);
  }

  static RejectReason deserializationReason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WrongSchemaException) {
        return RejectReason.WRONG_SCHEMA;
      }
      if (t instanceof SchemaRegistryException sre && sre.kind() == SchemaRegistryException.Kind.NOT_FOUND) {
        return RejectReason.UNKNOWN_SCHEMA;
      }
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (message.contains("unknown schema id")) {
        return RejectReason.UNKNOWN_SCHEMA;
      }
      if (message.contains("missing required field") || message.contains("missing default value")) {
        return RejectReason.MISSING_FIELD;
      }
    }
    return RejectReason.MALFORMED;
  }

  private static boolean isOutage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException sre
          && (sre.kind() == SchemaRegistryException.Kind.UNAVAILABLE
              || sre.kind() == SchemaRegistryException.Kind.UNAUTHORIZED
              || sre.kind() == SchemaRegistryException.Kind.INCOMPATIBLE)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
