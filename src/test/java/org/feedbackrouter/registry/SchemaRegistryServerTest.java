package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.avro.Schema;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.registry.SchemaRegistryException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's registry over real HTTP, through the project's own client and as raw Confluent API calls. */
class SchemaRegistryServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema V1 = record("{\"name\": \"a\", \"type\": \"string\"}");
  private static final Schema V2_WITH_DEFAULT =
      record("{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"int\", \"default\": 0}");
  private static final Schema V2_WITHOUT_DEFAULT =
      record("{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"c\", \"type\": \"int\"}");

  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void servesTheCallsOfTheProjectsClientWithConfluentsRules() throws Exception {
    try (SchemaRegistryServer server = SchemaRegistryServer.start(0, Optional.empty())) {
      assertThat(server.url()).startsWith("http://127.0.0.1:");
      SchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryConfig.of(server.url()));

      int feedback = client.register("feedback.received-value", FeedbackReceived.SCHEMA$);
      int again = client.register("feedback.received-value", FeedbackReceived.SCHEMA$);
      int elsewhere = client.register("other-value", FeedbackReceived.SCHEMA$);
      int scores = client.register("scores-value", Scores.SCHEMA$);

      assertThat(again).isEqualTo(feedback);
      assertThat(elsewhere).isEqualTo(feedback);
      assertThat(scores).isNotEqualTo(feedback);
      assertThat(client.idOf("scores-value", Scores.SCHEMA$)).isEqualTo(scores);
      assertThat(client.schemaById(feedback)).isEqualTo(FeedbackReceived.SCHEMA$);
      assertThatThrownBy(() -> client.schemaById(99))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
          .hasMessageContaining("Unknown schema id 99");
      assertThatThrownBy(() -> client.idOf("scores-value", FeedbackReceived.SCHEMA$))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
          .hasMessageContaining("40403");
      assertThatThrownBy(() -> client.idOf("nobody-value", Scores.SCHEMA$))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
          .hasMessageContaining("40401");

      client.register("r-value", V1);
      assertThat(client.register("r-value", V2_WITH_DEFAULT)).isPositive();
      assertThatThrownBy(() -> client.register("r-value", V2_WITHOUT_DEFAULT))
          .isInstanceOfSatisfying(SchemaRegistryException.class,
              e -> assertThat(e.kind()).isEqualTo(Kind.INCOMPATIBLE))
          .hasMessageContaining("BACKWARD");
    }
  }

  @Test
  void listsSubjectsAndVersionsAndAnswersConfluentErrorCodes() throws Exception {
    try (SchemaRegistryServer server = SchemaRegistryServer.start(0, Optional.empty())) {
      String url = server.url();
      assertThat(post(url + "/subjects/r-value/versions", V1).path("id").asInt()).isEqualTo(1);
      assertThat(post(url + "/subjects/r-value/versions", V2_WITH_DEFAULT).path("id").asInt()).isEqualTo(2);

      assertThat(get(url + "/subjects", 200).toString()).isEqualTo("[\"r-value\"]");
      assertThat(get(url + "/subjects/r-value/versions", 200).toString()).isEqualTo("[1,2]");
      JsonNode latest = get(url + "/subjects/r-value/versions/latest", 200);
      assertThat(latest.path("version").asInt()).isEqualTo(2);
      assertThat(latest.path("id").asInt()).isEqualTo(2);
      assertThat(new Schema.Parser().parse(latest.path("schema").asText())).isEqualTo(V2_WITH_DEFAULT);
      assertThat(get(url + "/subjects/r-value/versions/1", 200).path("id").asInt()).isEqualTo(1);
      assertThat(get(url + "/schemas/ids/1", 200).path("schema").asText()).isEqualTo(V1.toString());
      assertThat(get(url + "/config", 200).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");

      assertThat(get(url + "/subjects/r-value/versions/3", 404).path("error_code").asInt()).isEqualTo(40402);
      assertThat(get(url + "/subjects/none/versions", 404).path("error_code").asInt()).isEqualTo(40401);
      assertThat(get(url + "/schemas/ids/7", 404).path("error_code").asInt()).isEqualTo(40403);
      assertThat(get(url + "/nothing/here", 404).path("error_code").asInt()).isEqualTo(404);
      HttpResponse<String> invalid = send(HttpRequest.newBuilder(URI.create(url + "/subjects/r-value/versions"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"schema\": \"{\\\"type\\\": \\\"nope\\\"}\"}")).build());
      assertThat(invalid.statusCode()).isEqualTo(422);
      assertThat(JSON.readTree(invalid.body()).path("error_code").asInt()).isEqualTo(42201);
    }
  }

  @Test
  void keepsIdsAndVersionsAcrossARestartOnTheSameFile() throws Exception {
    Path file = dir.resolve("registry").resolve("schemas.json");
    int feedback;
    try (SchemaRegistryServer first = SchemaRegistryServer.start(0, Optional.of(file))) {
      SchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryConfig.of(first.url()));
      client.register("r-value", V1);
      feedback = client.register("feedback.received-value", FeedbackReceived.SCHEMA$);
      client.register("r-value", V2_WITH_DEFAULT);
    }
    assertThat(file).isRegularFile();
    assertThat(file.resolveSibling("schemas.json.tmp")).doesNotExist();

    try (SchemaRegistryServer second = SchemaRegistryServer.start(0, Optional.of(file))) {
      SchemaRegistryClient client = new HttpSchemaRegistryClient(RegistryConfig.of(second.url()));
      assertThat(client.schemaById(feedback)).isEqualTo(FeedbackReceived.SCHEMA$);
      assertThat(client.idOf("r-value", V2_WITH_DEFAULT)).isEqualTo(3);
      assertThat(client.register("feedback.received-value", FeedbackReceived.SCHEMA$)).isEqualTo(feedback);
      assertThat(client.register("scores-value", Scores.SCHEMA$)).as("the next id after the saved ones").isEqualTo(4);
      assertThatThrownBy(() -> client.register("r-value", V2_WITHOUT_DEFAULT))
          .as("still checked against the saved latest version").isInstanceOf(SchemaRegistryException.class);
      assertThat(get(second.url() + "/subjects/r-value/versions", 200).toString()).isEqualTo("[1,2]");
    }
  }

  @Test
  void refusesAFileItCannotReadAndAPortInUse() throws Exception {
    Path file = Files.writeString(dir.resolve("schemas.json"), "{\"versions\": [{\"subject\": \"s\"}]}");
    assertThatThrownBy(() -> SchemaRegistryServer.start(0, Optional.of(file)))
        .isInstanceOf(IOException.class).hasMessageContaining(file.toString());

    try (SchemaRegistryServer first = SchemaRegistryServer.start(0, Optional.empty())) {
      int port = URI.create(first.url()).getPort();
      assertThatThrownBy(() -> SchemaRegistryServer.start(port, Optional.empty())).isInstanceOf(BindException.class);
    }
  }

  private JsonNode post(String url, Schema schema) throws Exception {
    String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode get(String url, int status) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(HttpSchemaRegistryClient.CONTENT_TYPE);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Schema record(String fields) {
    return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R\", \"namespace\": \"t\", \"fields\": ["
        + fields + "]}");
  }
}
