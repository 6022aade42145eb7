package org.feedbackrouter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.feedbackrouter.access.ApiTokens;
import org.junit.jupiter.api.Test;

/** The HTTP side before Kafka Streams runs, over real HTTP: what is open, what is closed, and how errors look. */
class HttpApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "finance-token-0123456789";
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static HttpApi api(ApiTokens tokens) throws Exception {
    return new HttpApi(0, () -> "# metrics\n", () -> false, () -> null, () -> null,
        new ApiSettings("tasks", "ownership", "cx_office", tokens, Set.of(), "localhost"));
  }

  private HttpResponse<String> get(HttpApi api, String path, String token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + path));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String raw(HttpApi api, String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("localhost", api.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void withoutTokensEveryApiCallIsUnauthorisedAndMetricsAndHealthStayOpen() throws Exception {
    try (HttpApi api = api(ApiTokens.none())) {
      HttpResponse<String> r = get(api, "/api/departments", TOKEN);
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"feedback-router\"");
      assertThat(JSON.readTree(r.body()).path("error").asText()).contains("FEEDBACK_API_TOKENS");
      assertThat(get(api, "/metrics", null).statusCode()).isEqualTo(200);
      assertThat(get(api, "/health/live", null).statusCode()).isEqualTo(200);
      assertThat(get(api, "/health/ready", null).statusCode()).isEqualTo(503);
    }
  }

  @Test
  void aKnownTokenPassesToTheReadinessCheck() throws Exception {
    try (HttpApi api = api(ApiTokens.parse("finance:" + TOKEN))) {
      assertThat(get(api, "/api/departments", null).statusCode()).isEqualTo(401);
      assertThat(get(api, "/api/departments", "finance-token-0123456780").statusCode()).isEqualTo(401);
      HttpResponse<String> r = get(api, "/api/departments", TOKEN);
      assertThat(r.statusCode()).as("authenticated, but Kafka Streams is not running").isEqualTo(503);
      assertThat(JSON.readTree(r.body()).path("error").asText()).contains("not ready");
    }
  }

  @Test
  void badPathsAndMethodsAnswerJsonWithoutStackTraces() throws Exception {
    try (HttpApi api = api(ApiTokens.none())) {
      HttpResponse<String> r = get(api, "/nowhere", null);
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
      // Escapes no client would send, so written by hand on a socket. The JDK server refuses a
      // request line that is no URI before the API sees it: a plain 400, no stack trace.
      for (String path : new String[] {"/api/x%zz", "/api/departments?cursor=%"}) {
        String answer = raw(api, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer).as(path).startsWith("HTTP/1.1 400").doesNotContain("\tat ", "org.feedbackrouter");
      }
      String garbage = raw(api, "NOT HTTP AT ALL\r\n\r\n");
      assertThat(garbage).doesNotContain("\tat ", "org.feedbackrouter");
      HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + "/metrics"))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }
}
