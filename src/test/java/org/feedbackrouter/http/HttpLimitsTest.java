package org.feedbackrouter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.feedbackrouter.access.ApiTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile HTTP clients against the real server over sockets: oversized and malformed bodies, bad
 * paths and methods, and slow clients that trickle their request (the JDK server's own limits,
 * which are JVM-wide, are tested in a JVM of their own by {@link HttpServerLimitsTest}). Kafka Streams is constructed
 * but never started: requests get as far as reading and checking the body.
 */
class HttpLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "finance-token-0123456789";
  /** Four times as many as the server had threads before it was hardened. */
  private static final int SLOW_CLIENTS = 16;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private KafkaStreams streams;
  private HttpApi api;

  @BeforeEach
  void start() throws IOException {
    StreamsBuilder b = new StreamsBuilder();
    b.stream("unused");
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "http-limits-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
    // Never started, but its clients exist: one warning each about the missing broker is enough.
    p.put(StreamsConfig.RECONNECT_BACKOFF_MS_CONFIG, 60_000);
    p.put(StreamsConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 60_000);
    streams = new KafkaStreams(b.build(), p);
    api = new HttpApi(0, () -> "# metrics\n", () -> true, () -> streams, () -> null,
        new ApiSettings("tasks", "ownership", "cx_office", ApiTokens.parse("finance:" + TOKEN), Set.of(), "localhost"));
  }

  @AfterEach
  void stop() {
    api.close();
    streams.close(Duration.ofSeconds(5));
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + path))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertJsonError(HttpResponse<String> r, int status) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(JSON.readTree(r.body()).path("status").asInt()).isEqualTo(status);
    assertThat(r.body()).doesNotContain("\tat ", "Exception", "org.feedbackrouter");
  }

  @Test
  void malformedBodiesAnswer400WithJsonAndNoStackTrace() throws Exception {
    String events = "/api/tasks/t-1/events";
    for (String body : List.of("", "{", "not json", "[1,2]", "null", "\"RESOLVED\"", "{\"type\":5}",
        "{\"type\":\"RESOLVED\",\"note\":{\"x\":1}}", "{\"type\":\"EXPLODED\"}", "{\"typ\":\"RESOLVED\"}",
        "{\"type\":\"RESOLVED\",\"resolution\":\"fixed\"}", "{\"type\":\"REASSIGNED\"}",
        "{\"type\":\"RESOLVED\"}{\"type\":\"RESOLVED\"}", "{\"type\":\"\u0000\ud800\"}")) {
      assertJsonError(post(events, "application/json", body), 400);
    }
    assertJsonError(post(events, "text/plain", "{\"type\":\"RESOLVED\"}"), 415);
    assertJsonError(post("/api/tasks/t-1", "application/json", "{}"), 405);
    assertJsonError(post("/api/tasks/t-1/events/extra", "application/json", "{}"), 404);
    assertJsonError(post("/api/%2e%2e/admin", "application/json", "{}"), 404);
  }

  @Test
  void aBodyOver64KiBIsRefusedWith413() throws Exception {
    String body = "{\"type\":\"COMMENTED\",\"note\":\"" + "x".repeat(HttpCall.MAX_BODY_BYTES) + "\"}";
    assertJsonError(post("/api/tasks/t-1/events", "application/json", body), 413);
  }

  /**
   * More slow clients than the server has threads, each sending its request a byte at a time:
   * other requests are still answered promptly.
   */
  @Test
  void slowClientsDoNotHoldUpOtherRequests() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        Socket s = new Socket("localhost", api.port());
        // Request line and part of the headers, then nothing more for now.
        s.getOutputStream().write("GET /health/live HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        slow.get(i).getOutputStream().write('s');
        long started = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + api.port() + "/health/live")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

}
