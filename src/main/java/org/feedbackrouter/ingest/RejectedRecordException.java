package org.feedbackrouter.ingest;

/**
 * Thrown by a processor for a record that must go to the dead-letter topic. Kafka Streams hands
 * it to {@link DeadLetterHandler}, which still has the record's original bytes (KIP-1033/1034).
 * No stack trace: the reason and detail say everything, and rejections are routine.
 */
public final class RejectedRecordException extends RuntimeException {
  private final RejectReason reason;

  public RejectedRecordException(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
