package org.feedbackrouter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One request on the JDK server: its path segments and query decoded (a bad escape is a 400, not
 * a 500), its body read up to a limit, and JSON answers.
 */
final class HttpCall {
  static final String JSON = "application/json";
  /** The largest body accepted: a 4,000-character note and a root cause, in any script, fit. */
  static final int MAX_BODY_BYTES = 64 * 1024;
  /** How much of a too-large body is read and dropped so that the 413 reaches the client. */
  private static final long DRAIN_BYTES = 1024 * 1024;

  private final HttpExchange exchange;
  private final ObjectMapper mapper;
  private final String[] segments;
  private final Map<String, String> query;

  HttpCall(HttpExchange exchange, ObjectMapper mapper) {
    this(exchange, mapper, false);
  }

  /** @param unparsed true to answer a request whose path or query could not be decoded */
  HttpCall(HttpExchange exchange, ObjectMapper mapper, boolean unparsed) {
    this.exchange = exchange;
    this.mapper = mapper;
    String raw = unparsed ? null : exchange.getRequestURI().getRawPath();
    String[] parts = raw == null ? new String[0] : raw.split("/", -1);
    this.segments = new String[parts.length];
    for (int i = 0; i < parts.length; i++) {
      segments[i] = decode(parts[i]);
    }
    this.query = unparsed ? Map.of() : query(exchange.getRequestURI().getRawQuery());
  }

  String method() {
    return exchange.getRequestMethod();
  }

  /** The decoded path segments; index 0 is the empty text before the leading slash. */
  String[] segments() {
    return segments;
  }

  String path() {
    return exchange.getRequestURI().getPath();
  }

  Map<String, String> query() {
    return query;
  }

  boolean localOnly() {
    return query.containsKey("local");
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** The body, refused with 413 past {@link #MAX_BODY_BYTES} and with 415 when it says it is not JSON. */
  byte[] body() throws IOException {
    String type = header("Content-Type");
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
      throw new ApiException(415, "send the body as application/json");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = exchange.getRequestBody()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (out.size() + n > MAX_BODY_BYTES) {
          // Read on (to a bound) before answering: closing on a client still sending resets the
          // connection, and the client would lose the 413.
          for (long skipped = 0; skipped < DRAIN_BYTES && in.read(buffer) >= 0; skipped += buffer.length) {
            // discarded
          }
          throw new ApiException(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }

  void json(int status, JsonNode body) throws IOException {
    send(status, JSON, mapper.writeValueAsString(body));
  }

  void error(int status, String message) throws IOException {
    ObjectNode body = mapper.createObjectNode();
    body.put("status", status);
    body.put("error", message);
    if (status == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"feedback-router\"");
    }
    send(status, JSON, mapper.writeValueAsString(body));
  }

  /** Passes an answer through as it came, e.g. from the instance that holds a task. */
  void send(int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  JsonNode readJson(String body) {
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiException(502, "another instance answered with malformed JSON");
    }
  }

  ObjectNode object() {
    return mapper.createObjectNode();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "malformed URL escape");
    }
  }
}
