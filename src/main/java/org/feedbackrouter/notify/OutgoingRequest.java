package org.feedbackrouter.notify;

import java.net.URI;
import java.util.Map;

/** One POST ready to send: a JSON body and its headers (idempotency key, signature). */
public record OutgoingRequest(URI url, byte[] body, Map<String, String> headers) {
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  public OutgoingRequest {
    headers = Map.copyOf(headers);
  }
}
