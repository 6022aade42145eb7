package org.feedbackrouter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.feedbackrouter.registry.RegistryConfig;

/**
 * How the stream threads live through trouble they cannot fix themselves, read by
 * {@link RecoverySettingsReader}.
 *
 * @param registryLookupTimeout time limit of one schema registry request made on a stream thread
 * @param registryLookupAttempts requests per lookup on a stream thread before it gives up; the
 *     record is then neither dead-lettered nor lost: the thread is replaced and retries it
 */
public record RecoverySettings(Duration registryLookupTimeout, int registryLookupAttempts) {

  public RecoverySettings {
    if (registryLookupTimeout.isNegative() || registryLookupTimeout.isZero()) {
      throw new IllegalArgumentException("registry lookup timeout must be more than 0");
    }
    if (registryLookupAttempts < 1) {
      throw new IllegalArgumentException("registry lookup attempts must be 1 or more");
    }
  }

  public static RecoverySettings defaults() {
    return RecoverySettingsReader.read(Map.of(), new ArrayList<>());
  }

  /**
   * The registry client settings for the stream threads: the operator's, with each request and
   * the number of attempts capped, so a registry outage holds a thread for at most about
   * {@code timeout x attempts} (4 s by default, not the 67 s of 10 s x 6 attempts).
   */
  public RegistryConfig onStreamThreads(RegistryConfig operator) {
    Duration timeout = operator.requestTimeout().compareTo(registryLookupTimeout) < 0
        ? operator.requestTimeout() : registryLookupTimeout;
    return new RegistryConfig(operator.url(), operator.userInfo(), operator.trustStore(), operator.keyStore(),
        timeout, Math.min(operator.retries(), registryLookupAttempts - 1), operator.retryBackoff(),
        operator.retryBackoffMax());
  }
}
