package org.feedbackrouter.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the request each destination type expects. Every request carries
 * {@code Idempotency-Key: <task or alert id>}, so a receiver can drop the repeats that
 * at-least-once delivery brings; webhooks also get {@code X-Feedback-Type} and the signature.
 */
public final class Payloads {
  public static final String TYPE_HEADER = "X-Feedback-Type";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String apiBaseUrl;

  /** @param apiBaseUrl where departments reach the API, e.g. {@code https://feedback.example.org}; null for no links */
  public Payloads(String apiBaseUrl) {
    this.apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? null : apiBaseUrl.replaceAll("/+$", "");
  }

  public OutgoingRequest build(Destination destination, Notification n) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(OutgoingRequest.IDEMPOTENCY_KEY, n.id());
    ObjectNode json = switch (destination.type()) {
      case SLACK -> SlackMessage.of(n, taskUrl(n));
      case TEAMS -> TeamsCard.of(n, taskUrl(n));
      case WEBHOOK -> n.json();
    };
    byte[] body = bytes(json);
    if (destination.type() == DestinationType.WEBHOOK) {
      headers.put(TYPE_HEADER, n.kind());
      headers.put(Signature.HEADER, Signature.sign(body, destination.secret()));
    }
    return new OutgoingRequest(destination.url(), body, headers);
  }

  /** {@code <api>/api/tasks/<id>}, or null when there is no task or no API address. */
  String taskUrl(Notification n) {
    if (apiBaseUrl == null || n.taskId() == null) {
      return null;
    }
    return apiBaseUrl + "/api/tasks/" + URLEncoder.encode(n.taskId(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ObjectNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      // A tree of strings and numbers always serialises.
      throw new IllegalStateException(e);
    }
  }
}
