package org.feedbackrouter.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.registry.SchemaRegistryException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP client against a real local HTTP server speaking the Confluent protocol. */
class HttpSchemaRegistryClientTest {

  private static final String BASE_PATH = "/apis/ccompat/v7";
  private static final String SUBJECT = "feedback.received-value";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryTestServer server;

  HttpSchemaRegistryClientTest() throws IOException {
    server = RegistryTestServer.http();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SchemaRegistryClient client(String... settings) {
    Map<String, Object> props = new HashMap<>();
    props.put(RegistryConfig.URL, server.url(BASE_PATH));
    props.put(RegistryConfig.RETRY_BACKOFF_MS, "1");
    for (int k = 0; k < settings.length; k += 2) {
      props.put(settings[k], settings[k + 1]);
    }
    return SchemaRegistryClients.create(RegistryConfig.fromMap(props));
  }

  private static String schemaReply(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  @Test
  void registersUnderTheSubjectKeepingTheBasePath() throws IOException {
    server.alwaysReply(200, "{\"id\": 42}");

    int id = client().register(SUBJECT, FeedbackReceived.SCHEMA$);

    assertThat(id).isEqualTo(42);
    RegistryTestServer.Received request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(BASE_PATH + "/subjects/feedback.received-value/versions");
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    Schema sent = new Schema.Parser().parse(JSON.readTree(request.body()).get("schema").asText());
    assertThat(sent).isEqualTo(FeedbackReceived.SCHEMA$);
  }

  @Test
  void looksUpAnIdWithoutRegistering() {
    server.alwaysReply(200, "{\"subject\": \"feedback.received-value\", \"version\": 3, \"id\": 5, \"schema\": \"{}\"}");

    assertThat(client().idOf(SUBJECT, FeedbackReceived.SCHEMA$)).isEqualTo(5);
    assertThat(server.requests()).singleElement().satisfies(request -> {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo(BASE_PATH + "/subjects/feedback.received-value");
    });
  }

  @Test
  void lookupAsksForANormalizedMatchWhenTheTextMatchesNothing() {
    // Apicurio compares a lookup with the registered text byte for byte: a schema registered pretty-printed is
    // a 40403 until the lookup asks it to normalize both.
    server.thenReply(404, "{\"error_code\": 40403,"
        + " \"message\": \"The given schema does not match any schema under the subject\"}")
        .thenReply(200, "{\"subject\": \"feedback.received-value\", \"version\": 1, \"id\": 9, \"schema\": \"{}\"}");

    assertThat(client().idOf(SUBJECT, FeedbackReceived.SCHEMA$)).isEqualTo(9);

    assertThat(server.requests()).hasSize(2);
    RegistryTestServer.Received exact = server.requests().get(0);
    RegistryTestServer.Received normalized = server.requests().get(1);
    assertThat(exact.query()).isNull();
    assertThat(normalized.method()).isEqualTo("POST");
    assertThat(normalized.path()).isEqualTo(BASE_PATH + "/subjects/feedback.received-value");
    assertThat(normalized.query()).isEqualTo("normalize=true");
    assertThat(normalized.body()).isEqualTo(exact.body());
  }

  @Test
  void subjectsAreEscapedInThePath() {
    server.alwaysReply(200, "{\"id\": 1}");

    client().register("odd subject/ü-value", Scores.SCHEMA$);

    assertThat(server.requests().get(0).path()).isEqualTo(BASE_PATH + "/subjects/odd%20subject%2F%C3%BC-value/versions");
  }

  @Test
  void fetchesASchemaByIdWhateverItsFormatting() throws IOException {
    // Pretty-printed and with keys reordered, as another registry (e.g. Apicurio) may return it.
    String reformatted = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
        TestRecords.json("{\"fields\": [{\"type\": [\"null\", \"int\"], \"name\": \"nps\", \"default\": null},"
            + "{\"name\": \"csat\", \"default\": null, \"type\": [\"null\", \"int\"]},"
            + "{\"type\": [\"null\", \"int\"], \"default\": null, \"name\": \"ces\"}],"
            + "\"namespace\": \"org.feedbackrouter.avro\", \"type\": \"record\", \"name\": \"Scores\"}"));
    server.alwaysReply(200, JSON.createObjectNode().put("schema", reformatted).toString());

    Schema fetched = client().schemaById(7);

    assertThat(server.requests().get(0).method()).isEqualTo("GET");
    assertThat(server.requests().get(0).path()).isEqualTo(BASE_PATH + "/schemas/ids/7");
    assertThat(SchemaNormalization.parsingFingerprint64(fetched)).isEqualTo(SchemaNormalization.parsingFingerprint64(Scores.SCHEMA$));
  }

  @Test
  void answersComeFromTheCacheAfterTheFirstCall() {
    server.thenReply(200, "{\"id\": 11}").thenReply(200, schemaReply(Scores.SCHEMA$));
    SchemaRegistryClient client = client();

    int registered = client.register("scores-value", Scores.SCHEMA$);
    int again = client.register("scores-value", Scores.SCHEMA$);
    int looked = client.idOf("scores-value", Scores.SCHEMA$);
    Schema byRegisteredId = client.schemaById(11);
    Schema other = client.schemaById(12);
    Schema otherAgain = client.schemaById(12);

    assertThat(registered).isEqualTo(again).isEqualTo(looked).isEqualTo(11);
    assertThat(byRegisteredId).isEqualTo(Scores.SCHEMA$);
    assertThat(otherAgain).isSameAs(other);
    assertThat(server.requests()).as("one register and one fetch of id 12; the rest from cache").hasSize(2);
  }

  @Test
  void incompatibleSchemaSaysHowToEvolve() {
    server.thenReply(409, "{\"error_code\": 409, \"message\": \"Schema being registered is incompatible with an earlier schema\"}")
        .alwaysReply(404, "{\"error_code\": 40403, \"message\": \"Schema not found\"}");

    assertThatThrownBy(() -> client().register(SUBJECT, FeedbackReceived.SCHEMA$))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.INCOMPATIBLE);
          assertThat(e.status()).isEqualTo(409);
        })
        .hasMessageContaining("incompatible with an earlier schema")
        .hasMessageContaining("add new fields with a default")
        .hasMessageContaining("compatibility setting (GET " + server.url(BASE_PATH) + "/config/" + SUBJECT + ")");
    assertThat(server.requests()).as("4xx is not retried; the schema is looked up in case of a race")
        .extracting(RegistryTestServer.Received::method).containsExactly("POST", "POST", "POST");
    assertThat(server.requests().get(0).path()).endsWith("/versions");
  }

  @Test
  void aRegistrationThatLostARaceToAnotherInstanceFindsTheWinnersId() {
    // Apicurio answers the second of two concurrent registrations of a new subject with 409.
    server.thenReply(409, "{\"error_code\": 409, \"message\": \"An artifact with ID 'x' already exists.\"}")
        .alwaysReply(200, "{\"subject\": \"" + SUBJECT + "\", \"id\": 42, \"version\": 1, \"schema\": "
            + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(FeedbackReceived.SCHEMA$.toString()) + "}");

    assertThat(client().register(SUBJECT, FeedbackReceived.SCHEMA$)).isEqualTo(42);
    assertThat(server.requests()).extracting(RegistryTestServer.Received::path)
        .containsExactly(BASE_PATH + "/subjects/" + SUBJECT + "/versions", BASE_PATH + "/subjects/" + SUBJECT);
  }

  @Test
  void unregisteredSchemaSaysRegisterItFirst() {
    server.alwaysReply(404, "{\"error_code\": 40403, \"message\": \"Schema not found\"}");

    assertThatThrownBy(() -> client().idOf(SUBJECT, FeedbackReceived.SCHEMA$))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
          assertThat(e.status()).isEqualTo(404);
        })
        .hasMessageContaining("error 40403: Schema not found")
        .hasMessageContaining("Register it first, e.g. curl -X POST")
        .hasMessageContaining(server.url(BASE_PATH) + "/subjects/" + SUBJECT + "/versions")
        .hasMessageContaining("enable auto.register.schemas=true");
    assertThat(server.requests()).extracting(RegistryTestServer.Received::query)
        .as("the exact lookup, then the normalized one").containsExactly(null, "normalize=true");
  }

  @Test
  void unknownIdIsNotFound() {
    server.alwaysReply(404, "{\"error_code\": 40403, \"message\": \"Schema 99 not found\"}");

    assertThatThrownBy(() -> client().schemaById(99))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessageContaining("Unknown schema id 99")
        .hasMessageContaining("same schema.registry.url");
  }

  @Test
  void missingOrWrongCredentials() {
    server.thenReply(401, "{\"error_code\": 401, \"message\": \"Unauthorized\"}")
        .thenReply(403, "{\"error_code\": 40301, \"message\": \"User cannot access subject\"}");
    SchemaRegistryClient client = client();

    assertThatThrownBy(() -> client.register(SUBJECT, FeedbackReceived.SCHEMA$))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
          assertThat(e.status()).isEqualTo(401);
        })
        .hasMessageContaining("basic.auth.user.info")
        .hasMessageContaining("USER_INFO");
    assertThatThrownBy(() -> client.register(SUBJECT, FeedbackReceived.SCHEMA$))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
          assertThat(e.status()).isEqualTo(403);
        })
        .hasMessageContaining("User cannot access subject")
        .hasMessageContaining("ACLs");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void invalidSchemaIsABadRequest() {
    server.alwaysReply(422, "{\"error_code\": 42201, \"message\": \"Invalid schema\"}");

    assertThatThrownBy(() -> client().register(SUBJECT, FeedbackReceived.SCHEMA$))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
          assertThat(e.status()).isEqualTo(422);
        })
        .hasMessageContaining("error 42201: Invalid schema");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void retriesServerErrorsThenSucceeds() {
    server.thenReply(503, "{\"error_code\": 50302, \"message\": \"leader not known\"}")
        .thenReply(503, "")
        .thenReply(200, "{\"id\": 8}");

    assertThat(client().register(SUBJECT, FeedbackReceived.SCHEMA$)).isEqualTo(8);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void givesUpOnServerErrorsAfterTheRetries() {
    server.alwaysReply(500, "{\"error_code\": 50001, \"message\": \"store error\"}");

    assertThatThrownBy(() -> client(RegistryConfig.RETRIES, "2").schemaById(3))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
          assertThat(e.status()).isEqualTo(500);
        })
        .hasMessageContaining("after 3 attempts")
        .hasMessageContaining("error 50001: store error");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void unreachableRegistryNamesTheUrlAndAttempts() throws IOException {
    String deadUrl;
    try (RegistryTestServer dead = RegistryTestServer.http()) {
      deadUrl = dead.url("");
    }
    SchemaRegistryClient client = SchemaRegistryClients.create(RegistryConfig.fromMap(Map.of(
        RegistryConfig.URL, deadUrl, RegistryConfig.RETRIES, "2", RegistryConfig.RETRY_BACKOFF_MS, "1")));

    assertThatThrownBy(() -> client.schemaById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
          assertThat(e.status()).isZero();
        })
        .hasMessageContaining(deadUrl)
        .hasMessageContaining("after 3 attempts")
        .hasMessageContaining("ConnectException");
  }

  @Test
  void retriesMoveOnToTheNextUrl() throws IOException {
    String deadUrl;
    try (RegistryTestServer dead = RegistryTestServer.http()) {
      deadUrl = dead.url("");
    }
    server.alwaysReply(200, "{\"id\": 21}");
    SchemaRegistryClient client = SchemaRegistryClients.create(RegistryConfig.fromMap(Map.of(
        RegistryConfig.URL, deadUrl + "," + server.url(BASE_PATH), RegistryConfig.RETRY_BACKOFF_MS, "1")));

    assertThat(client.register(SUBJECT, Scores.SCHEMA$)).isEqualTo(21);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void slowRegistryTimesOut() {
    server.hang();

    assertThatThrownBy(() -> client(RegistryConfig.REQUEST_TIMEOUT_MS, "300", RegistryConfig.RETRIES, "0").schemaById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
        .hasMessageContaining("HttpTimeoutException")
        .hasMessageContaining("after 1 attempt ");
  }

  @Test
  void sendsBasicAuthFromUserInfo() {
    server.alwaysReply(200, "{\"id\": 1}");

    client(RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO", RegistryConfig.BASIC_AUTH_USER_INFO, "router:s3cret:x")
        .register(SUBJECT, Scores.SCHEMA$);

    assertThat(server.requests().get(0).authorization())
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("router:s3cret:x".getBytes(UTF_8)));
  }

  @Test
  void sendsBasicAuthFromTheUrl() {
    server.alwaysReply(200, "{\"id\": 1}");
    String url = server.url(BASE_PATH).replace("http://", "http://router:pw@");

    SchemaRegistryClients.create(RegistryConfig.fromMap(Map.of(RegistryConfig.URL, url))).register(SUBJECT, Scores.SCHEMA$);

    assertThat(server.requests().get(0).authorization())
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("router:pw".getBytes(UTF_8)));
  }

  @Test
  void sendsNoAuthorizationWithoutCredentials() {
    server.alwaysReply(200, "{\"id\": 1}");

    client().register(SUBJECT, Scores.SCHEMA$);

    assertThat(server.requests().get(0).authorization()).isNull();
  }

  @Test
  void wrongBasePathSaysWhereTheApiIs() {
    server.alwaysReply(404, "<html><body>Not Found</body></html>");

    assertThatThrownBy(() -> client().schemaById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessageContaining("has no such endpoint")
        .hasMessageContaining("/apis/ccompat/v7");
  }

  @Test
  void genericNotFoundWithAnErrorCodeIsStillAWrongBasePath() {
    // What Apicurio answers for a path outside /apis/ccompat/v7 (Confluent's Jersey answers error_code 404 too):
    // a JSON error, but not one of the registry's 404xx codes.
    server.alwaysReply(404, "{\"detail\": \"NotFoundException: RESTEASY003210: Could not find resource for full path:"
        + " http://127.0.0.1/schemas/ids/1\", \"error_code\": 404, \"message\": \"RESTEASY003210: Could not find"
        + " resource for full path\", \"name\": \"NotFoundException\"}");
    SchemaRegistryClient client = client();

    assertThatThrownBy(() -> client.schemaById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessageContaining("has no such endpoint")
        .hasMessageContaining("RESTEASY003210")
        .hasMessageContaining("http://host:8080/apis/ccompat/v7")
        .hasMessageNotContaining("Unknown schema id");
    assertThatThrownBy(() -> client.idOf(SUBJECT, Scores.SCHEMA$))
        .hasMessageContaining("has no such endpoint")
        .hasMessageNotContaining("Register it first");
    assertThatThrownBy(() -> client.register(SUBJECT, Scores.SCHEMA$))
        .hasMessageContaining("has no such endpoint");
  }

  @Test
  void answerThatIsNotJsonIsABadRequest() {
    server.alwaysReply(200, "<html>Welcome to nginx</html>");

    assertThatThrownBy(() -> client().register(SUBJECT, Scores.SCHEMA$))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST))
        .hasMessageContaining("not a JSON object: <html>Welcome to nginx</html>");
  }

  @Test
  void nonAvroSchemaIsRefused() {
    server.alwaysReply(200, "{\"schema\": \"syntax = \\\"proto3\\\"; message M {}\", \"schemaType\": \"PROTOBUF\"}");

    assertThatThrownBy(() -> client().schemaById(4))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST))
        .hasMessageContaining("is a PROTOBUF schema, not Avro");
  }
}
