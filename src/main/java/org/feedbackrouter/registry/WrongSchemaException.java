package org.feedbackrouter.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The record's schema id is in the registry, but names another record type than the one this topic
 * carries: a producer used the wrong serializer or topic. Not a missing field of the expected type.
 */
public final class WrongSchemaException extends SerializationException {
  public WrongSchemaException(String message) {
    super(message);
  }
}
