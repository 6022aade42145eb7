package org.feedbackrouter.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The shared registry speaks the Confluent API for real, keeps schemas across a restart and keeps its port. */
@ExtendWith(RealServicesExtension.class)
class RealRegistryIT {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void registersAnAvroSchemaAndLooksItUpById(RealServices services) throws Exception {
    String subject = "harness-" + UUID.randomUUID() + "-value";
    String schema = Files.readString(Path.of("schemas/common/Channel.avsc"));

    int id = register(services.registryUrl(), subject, schema);

    JsonNode byId = get(services.registryUrl() + "/schemas/ids/" + id);
    assertThat(JSON.readTree(byId.get("schema").asText())).isEqualTo(JSON.readTree(schema));
    JsonNode latest = get(services.registryUrl() + "/subjects/" + subject + "/versions/latest");
    assertThat(latest.get("id").asInt()).isEqualTo(id);
    assertThat(latest.get("version").asInt()).isEqualTo(1);
    // Registering the same schema again is idempotent: same id, no new version.
    assertThat(register(services.registryUrl(), subject, schema)).isEqualTo(id);
    assertThat(get(services.registryUrl() + "/subjects/" + subject + "/versions").size()).isEqualTo(1);
  }

  @Test
  void restartKeepsThePortAndTheSchemas(RealServices services) throws Exception {
    ApicurioRegistry registry = services.registry();
    String urlBefore = services.registryUrl();
    String subject = "harness-restart-" + UUID.randomUUID() + "-value";
    String schema = """
        {"type":"record","name":"RestartProbe","namespace":"org.feedbackrouter.test",
         "fields":[{"name":"id","type":"string"}]}""";
    int id = register(urlBefore, subject, schema);

    registry.stop();
    assertThat(registry.isRunning()).isFalse();
    assertThatThrownBy(() -> get(urlBefore + "/subjects")).isInstanceOf(ConnectException.class);

    registry.start();
    assertThat(services.registryUrl()).isEqualTo(urlBefore);
    assertThat(registry.port()).isEqualTo(URI.create(urlBefore).getPort());
    JsonNode byId = get(urlBefore + "/schemas/ids/" + id);
    assertThat(JSON.readTree(byId.get("schema").asText())).isEqualTo(JSON.readTree(schema));
    List<String> subjects = new ArrayList<>();
    get(urlBefore + "/subjects").forEach(node -> subjects.add(node.asText()));
    assertThat(subjects).contains(subject);
  }

  private int register(String registryUrl, String subject, String schema) throws IOException, InterruptedException {
    String body = JSON.writeValueAsString(JSON.createObjectNode().put("schemaType", "AVRO").put("schema", schema));
    HttpRequest request = HttpRequest.newBuilder(URI.create(registryUrl + "/subjects/" + subject + "/versions"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s: %s", request.uri(), response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("id").asInt();
  }

  private JsonNode get(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("Accept", CONTENT_TYPE)
        .GET()
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
