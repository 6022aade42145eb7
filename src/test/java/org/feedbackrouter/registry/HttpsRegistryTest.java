package org.feedbackrouter.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;
import org.feedbackrouter.avro.Scores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema.registry.ssl.* stores against a real HTTPS server that requires client certificates. The
 * certificates are made with the JDK's keytool, as an operator would.
 */
class HttpsRegistryTest {

  private static final String PASSWORD = "changeit";

  @TempDir
  static Path dir;

  private RegistryTestServer server;

  @BeforeAll
  static void makeCertificates() throws IOException, InterruptedException, GeneralSecurityException {
    for (String party : List.of("server", "client")) {
      keytool("-genkeypair", "-alias", party, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
          "-dname", "CN=" + party, "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
          "-keystore", path(party + ".p12"), "-storepass", PASSWORD, "-keypass", PASSWORD);
    }
    // Each side trusts the other's certificate only (what keytool -importcert would do, without two more JVMs).
    trustStore("client-trust.p12", "server");
    trustStore("server-trust.p12", "client");
  }

  private static void trustStore(String file, String trusted) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry(trusted, load(trusted + ".p12").getCertificate(trusted));
    try (OutputStream out = Files.newOutputStream(dir.resolve(file))) {
      store.store(out, PASSWORD.toCharArray());
    }
  }

  @BeforeEach
  void start() throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load("server.p12"), PASSWORD.toCharArray());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(load("server-trust.p12"));
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    server = RegistryTestServer.httpsWithClientAuth(context).alwaysReply(200, "{\"id\": 3}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void trustStoreAndKeyStoreGetThrough() {
    SchemaRegistryClient client = client(true, true, PASSWORD);

    assertThat(client.register("scores-value", Scores.SCHEMA$)).isEqualTo(3);
    assertThat(server.requests()).singleElement()
        .satisfies(request -> assertThat(request.path()).isEqualTo("/subjects/scores-value/versions"));
  }

  @Test
  void withoutTheTrustStoreTheServerIsNotTrusted() {
    assertThatThrownBy(() -> client(false, true, PASSWORD).register("scores-value", Scores.SCHEMA$))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.UNAVAILABLE))
        .hasMessageContaining("SSLHandshakeException");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void withoutTheKeyStoreTheServerRefusesTheClient() {
    assertThatThrownBy(() -> client(true, false, PASSWORD).register("scores-value", Scores.SCHEMA$))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.UNAVAILABLE));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void wrongStorePasswordIsAConfigurationError() {
    assertThatThrownBy(() -> client(true, true, "wrong"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(RegistryConfig.TRUSTSTORE_LOCATION)
        .hasMessageContaining("wrong password");
  }

  private SchemaRegistryClient client(boolean trustStore, boolean keyStore, String password) {
    Map<String, Object> props = new HashMap<>();
    props.put(RegistryConfig.URL, server.url(""));
    props.put(RegistryConfig.RETRIES, 0);
    if (trustStore) {
      props.put(RegistryConfig.TRUSTSTORE_LOCATION, path("client-trust.p12"));
      props.put(RegistryConfig.TRUSTSTORE_PASSWORD, password);
      props.put(RegistryConfig.TRUSTSTORE_TYPE, "PKCS12");
    }
    if (keyStore) {
      props.put(RegistryConfig.KEYSTORE_LOCATION, path("client.p12"));
      props.put(RegistryConfig.KEYSTORE_PASSWORD, PASSWORD);
      props.put(RegistryConfig.KEYSTORE_TYPE, "PKCS12");
    }
    return SchemaRegistryClients.create(RegistryConfig.fromMap(props));
  }

  private static KeyStore load(String file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(file))) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  private static String path(String file) {
    return dir.resolve(file).toString();
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
  }
}
