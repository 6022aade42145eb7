package org.feedbackrouter.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Calls to the other instances of the service, which hold other partitions of the task store.
 * The caller's {@code Authorization} header travels along, so the instance that answers applies
 * the caller's own access, not the forwarding instance's.
 */
final class InstanceClient {
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  HttpResponse<String> get(HostInfo host, String pathAndQuery, String authorization) throws IOException {
    return send(request(host, pathAndQuery, authorization).GET().build());
  }

  HttpResponse<String> post(HostInfo host, String pathAndQuery, String authorization, String idempotencyKey,
      byte[] body) throws IOException {
    HttpRequest.Builder r = request(host, pathAndQuery, authorization)
        .header("Content-Type", HttpCall.JSON)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (idempotencyKey != null) {
      r.header(TaskResource.IDEMPOTENCY_KEY, idempotencyKey);
    }
    return send(r.build());
  }

  private static HttpRequest.Builder request(HostInfo host, String pathAndQuery, String authorization) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return r;
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted calling " + request.uri().getHost(), e);
    }
  }
}
