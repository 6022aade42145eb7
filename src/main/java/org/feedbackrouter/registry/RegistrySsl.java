package org.feedbackrouter.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** Builds the TLS context for https registries from the schema.registry.ssl.* stores. */
final class RegistrySsl {

  private RegistrySsl() {}

  /** The JVM default context when no store is configured, else one with the configured stores. */
  static SSLContext context(RegistryConfig config) {
    try {
      if (config.trustStore() == null && config.keyStore() == null) {
        return SSLContext.getDefault();
      }
      KeyManager[] keyManagers = null;
      if (config.keyStore() != null) {
        RegistryConfig.Store store = config.keyStore();
        KeyStore keyStore = load(store, RegistryConfig.KEYSTORE_LOCATION);
        String keyPassword = store.keyPassword() != null ? store.keyPassword() : store.password();
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore, chars(keyPassword));
        keyManagers = factory.getKeyManagers();
      }
      TrustManager[] trustManagers = null;
      if (config.trustStore() != null) {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(load(config.trustStore(), RegistryConfig.TRUSTSTORE_LOCATION));
        trustManagers = factory.getTrustManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, trustManagers, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException("Cannot build the TLS context for the schema registry from " + config.trustStore()
          + " / " + config.keyStore() + ": " + e.getMessage());
    }
  }

  private static KeyStore load(RegistryConfig.Store store, String locationKey) throws GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance(store.type());
    try (InputStream in = Files.newInputStream(Path.of(store.location()))) {
      keyStore.load(in, chars(store.password()));
      return keyStore;
    } catch (IOException e) {
      // A wrong password also surfaces as an IOException from KeyStore.load.
      throw new ConfigException(locationKey, store.location(),
          "cannot read the " + store.type() + " store (missing file, wrong type or wrong password): " + e.getMessage());
    }
  }

  private static char[] chars(String password) {
    return password == null ? null : password.toCharArray();
  }
}
