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
import org.apache.avro.generic.GenericRecord;
import org.feedbackrouter.dlq.DeadLetterKey;
import org.feedbackrouter.dlq.RedactedCopy;
import org.feedbackrouter.lifecycle.LifecycleInput;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.redact.Redactor;
import org.feedbackrouter.registry.SchemaRegistryException;
import org.feedbackrouter.registry.WrongSchemaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be processed to the dead-letter topic with their original bytes
 * sealed (AES-GCM, {@link DeadLetterKey}) and a redacted copy to read,
 * using Kafka Streams' own handlers (KIP-1033 for processing errors, KIP-1034 for dead-letter
 * records): the records go out in the same transaction as the task's other output, so a
 * rejection is neither lost nor doubled. Registry trouble (an outage, refused credentials, a
 * schema the registry will not accept) is not the record's fault, so it fails the thread instead:
 * outages are retried once the thread is replaced; the rest stop the service with a clear error.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
  /** Config key under which the service passes its {@link FeedbackMetrics} instance. */
  public static final String METRICS_CONFIG = "feedback.dead.letter.metrics";
  /** Config key of the {@link DeadLetterKey} that seals original values; absent: none are kept. */
  public static final String KEY_CONFIG = "feedback.dead.letter.key";

  public static final String REASON = "dlq.reason";
  public static final String DETAIL = "dlq.detail";
  public static final String EXCEPTION = "dlq.exception";
  public static final String SOURCE_TOPIC = "dlq.source.topic";
  public static final String SOURCE_PARTITION = "dlq.source.partition";
  public static final String SOURCE_OFFSET = "dlq.source.offset";
  public static final String PROCESSOR = "dlq.processor";
  public static final String TIME = "dlq.time";
  /** Id of the key that sealed the value; absent when the original was not kept. */
  public static final String KEY_ID = "dlq.key.id";
  /** The record as JSON with personal data masked, for reading (see {@link RedactedCopy}). */
  public static final String REDACTED = "dlq.redacted";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
  private static final int MAX_DETAIL = 500;

  private final Redactor redactor = Redactor.defaults();
  private final RedactedCopy copies = new RedactedCopy(redactor);
  private String topic;
  private FeedbackMetrics metrics;
  private DeadLetterKey key;

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
    this.key = configs.get(KEY_CONFIG) instanceof DeadLetterKey k ? k : null;
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (isOutage(exception)) {
      logRegistryTrouble(exception, "decoding " + context.topic() + "-" + context.partition() + "@" + context.offset());
      return DeserializationExceptionHandler.Response.fail();
    }
    RejectReason reason = deserializationReason(exception);
    return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, record.key(), record.value(),
        RedactedCopy.undecodable(record.value()), reason, exception)));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (isOutage(exception)) {
      logRegistryTrouble(exception, "processor " + context.processorNodeId());
      return ProcessingExceptionHandler.Response.fail();
    }
    RejectReason reason;
    if (exception instanceof RejectedRecordException rejected) {
      reason = rejected.reason();
    } else {
      reason = RejectReason.PROCESSING_ERROR;
      // The message may quote the record: only its redacted form goes to the log; the stack at DEBUG.
      LOG.warn("Processor {} failed on {}-{}@{} ({}: {}); record sent to the dead-letter topic",
          context.processorNodeId(), context.topic(), context.partition(), context.offset(),
          exception.getClass().getName(), redactor.redact(String.valueOf(exception.getMessage())));
      LOG.debug("Processor {} failure", context.processorNodeId(), exception);
    }
    return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, context.sourceRawKey(),
        context.sourceRawValue(), readable(record.value()), reason, exception)));
  }

  /**
   * An unreachable registry is routine (the thread is replaced and retries the record): one WARN
   * line. Refused credentials or a rejected schema need an operator: ERROR with the trace.
   */
  private static void logRegistryTrouble(Exception exception, String where) {
    SchemaRegistryException cause = registryCause(exception);
    if (cause != null && cause.kind() == SchemaRegistryException.Kind.UNAVAILABLE) {
      LOG.warn("Schema registry unreachable while {}: the record is retried, not dead-lettered ({})", where,
          cause.getMessage());
    } else {
      LOG.error("Schema registry trouble while {}; failing rather than dead-lettering a good record", where, exception);
    }
  }

  private static SchemaRegistryException registryCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException sre) {
        return sre;
      }
    }
    return null;
  }

  /** The decoded value the processor had; a task event arrives wrapped for the lifecycle. */
  private String readable(Object value) {
    Object v = value instanceof LifecycleInput.Event e ? e.event()
        : value instanceof LifecycleInput.Created c ? c.task() : value;
    return v instanceof GenericRecord r ? copies.of(r) : RedactedCopy.undecodable(null);
  }

  /**
   * The original value sealed under the dead-letter key, never in clear; the readable copy and
   * the detail are redacted.
   */
  private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] recordKey, byte[] value,
      String redactedCopy, RejectReason reason, Exception e) {
    RecordHeaders headers = new RecordHeaders();
    if (context.headers() != null) {
      for (Header h : context.headers()) {
        headers.add(h);
      }
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    headers.add(REASON, utf8(reason.label()));
    detail = redactor.redact(detail);
    headers.add(DETAIL, utf8(detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail));
    headers.add(EXCEPTION, utf8(e.getClass().getName()));
    headers.add(SOURCE_TOPIC, utf8(String.valueOf(context.topic())));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(context.partition())));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(context.offset())));
    headers.add(PROCESSOR, utf8(String.valueOf(context.processorNodeId())));
    headers.add(TIME, utf8(Instant.now().toString()));
    headers.add(REDACTED, utf8(redactedCopy));
    byte[] sealed = null;
    if (key != null && value != null) {
      sealed = key.seal(value);
      headers.add(KEY_ID, utf8(key.id()));
    }
    metrics.rejected(reason.label());
    return new ProducerRecord<>(topic, null, recordKey, sealed, headers);
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
    SchemaRegistryException sre = registryCause(e);
    return sre != null && (sre.kind() == SchemaRegistryException.Kind.UNAVAILABLE
        || sre.kind() == SchemaRegistryException.Kind.UNAUTHORIZED
        || sre.kind() == SchemaRegistryException.Kind.INCOMPATIBLE);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
