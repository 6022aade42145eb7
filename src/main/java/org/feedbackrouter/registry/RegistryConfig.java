package org.feedbackrouter.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How to reach the schema registry. Built from Confluent-compatible client properties with
 * {@link #fromMap(Map)}, so department consumers can reuse their existing configuration.
 *
 * @param url one base URL, or several separated by commas (tried in turn on retries); {@code mock://<scope>}
 *     selects the in-memory registry of that scope. A path is kept, e.g. {@code http://host:8080/apis/ccompat/v7}.
 * @param userInfo {@code user:password} for HTTP basic auth, or null
 * @param trustStore trust store for https, or null for the JVM's default trust
 * @param keyStore key store for TLS client authentication, or null
 * @param requestTimeout connect and request timeout of one attempt
 * @param retries retries after the first attempt, on connection errors and 5xx only
 * @param retryBackoff wait before the first retry; doubles on each further retry
 * @param retryBackoffMax upper bound of the wait between retries
 */
public record RegistryConfig(
    String url,
    String userInfo,
    Store trustStore,
    Store keyStore,
    Duration requestTimeout,
    int retries,
    Duration retryBackoff,
    Duration retryBackoffMax) {

  public static final String URL = "schema.registry.url";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  /** Confluent also accepts the user info under the registry prefix. */
  public static final String PREFIXED_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
  public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
  public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
  public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
  public static final String KEY_PASSWORD = "schema.registry.ssl.key.password";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String RETRIES = "schema.registry.retries";
  public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
  public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMillis(10_000);
  public static final int DEFAULT_RETRIES = 5;
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
  public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofMillis(5_000);
  /** Kafka's default for ssl.truststore.type / ssl.keystore.type; the JDK's JKS loader also reads PKCS12. */
  public static final String DEFAULT_STORE_TYPE = "JKS";

  private static final String MOCK_PREFIX = "mock://";

  /**
   * A key or trust store file.
   *
   * @param keyPassword password of the private key, or null to use the store password (key stores only)
   */
  public record Store(String location, String password, String type, String keyPassword) {
    public Store {
      if (location == null || location.isBlank()) {
        throw new ConfigException("a key or trust store needs a location");
      }
      type = type == null || type.isBlank() ? DEFAULT_STORE_TYPE : type;
    }

    @Override
    public String toString() {
      return "Store[location=" + location + ", type=" + type + ", password=" + mask(password) + "]";
    }
  }

  public RegistryConfig {
    url = validUrl(url);
    if (userInfo != null && !userInfo.contains(":")) {
      throw new ConfigException(BASIC_AUTH_USER_INFO, "(hidden)", "expected user:password");
    }
    requestTimeout = positive(REQUEST_TIMEOUT_MS, requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout);
    retryBackoff = positive(RETRY_BACKOFF_MS, retryBackoff == null ? DEFAULT_RETRY_BACKOFF : retryBackoff);
    retryBackoffMax = positive(RETRY_BACKOFF_MAX_MS, retryBackoffMax == null ? DEFAULT_RETRY_BACKOFF_MAX : retryBackoffMax);
    if (retries < 0) {
      throw new ConfigException(RETRIES, retries, "must be 0 or more");
    }
  }

  /** Defaults for everything but the URL (which may carry user:password@, used for basic auth). */
  public static RegistryConfig of(String url) {
    return fromMap(Map.of(URL, url == null ? "" : url));
  }

  /**
   * Reads the Confluent-compatible properties listed as constants in this class. Values may be strings,
   * numbers, Kafka {@link Password}s or lists (for several URLs). Unknown keys are ignored, so the whole
   * producer/consumer/streams configuration can be passed in.
   *
   * @throws ConfigException naming the key when a value is missing or invalid
   */
  public static RegistryConfig fromMap(Map<String, ?> props) {
    String rawUrl = string(props, URL);
    if (rawUrl == null || rawUrl.isBlank()) {
      throw new ConfigException(URL + " is required, e.g. http://registry:8081, http://apicurio:8080/apis/ccompat/v7 or mock://test");
    }
    List<String> urls = new ArrayList<>();
    String urlUserInfo = null;
    for (String one : rawUrl.split(",")) {
      String trimmed = one.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.startsWith(MOCK_PREFIX)) {
        urls.add(trimmed);
        continue;
      }
      URI uri = parse(trimmed);
      if (uri.getUserInfo() != null) {
        urlUserInfo = uri.getUserInfo();
        trimmed = withoutUserInfo(uri);
      }
      urls.add(trimmed);
    }
    String userInfo = userInfo(props, urlUserInfo);
    return new RegistryConfig(
        String.join(",", urls),
        userInfo,
        store(props, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, null),
        store(props, KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE, KEY_PASSWORD),
        millis(props, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT),
        integer(props, RETRIES, DEFAULT_RETRIES),
        millis(props, RETRY_BACKOFF_MS, DEFAULT_RETRY_BACKOFF),
        millis(props, RETRY_BACKOFF_MAX_MS, DEFAULT_RETRY_BACKOFF_MAX));
  }

  /** The base URLs, without trailing slashes. */
  public List<String> urls() {
    List<String> result = new ArrayList<>();
    for (String one : url.split(",")) {
      String trimmed = one.trim();
      result.add(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
    }
    return List.copyOf(result);
  }

  public boolean isMock() {
    return url.startsWith(MOCK_PREFIX);
  }

  /** The scope name of a {@code mock://<scope>} URL. */
  public String mockScope() {
    if (!isMock()) {
      throw new IllegalStateException(url + " is not a mock:// URL");
    }
    return url.substring(MOCK_PREFIX.length());
  }

  @Override
  public String toString() {
    return "RegistryConfig[url=" + url
        + ", userInfo=" + (userInfo == null ? "none" : userInfo.substring(0, userInfo.indexOf(':')) + ":[hidden]")
        + ", trustStore=" + trustStore + ", keyStore=" + keyStore
        + ", requestTimeout=" + requestTimeout + ", retries=" + retries
        + ", retryBackoff=" + retryBackoff + ", retryBackoffMax=" + retryBackoffMax + "]";
  }

  // Confluent's default source is URL, which silently ignores basic.auth.user.info; a user who sets
  // basic.auth.user.info means it, so it wins unless the source explicitly says URL.
  private static String userInfo(Map<String, ?> props, String urlUserInfo) {
    String source = string(props, BASIC_AUTH_CREDENTIALS_SOURCE);
    String explicit = string(props, BASIC_AUTH_USER_INFO);
    if (explicit == null) {
      explicit = string(props, PREFIXED_BASIC_AUTH_USER_INFO);
    }
    String normalised = source == null || source.isBlank() ? null : source.trim().toUpperCase(Locale.ROOT);
    if (normalised == null) {
      return explicit != null ? explicit : urlUserInfo;
    }
    switch (normalised) {
      case "USER_INFO":
        if (explicit == null) {
          throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO needs " + BASIC_AUTH_USER_INFO + "=user:password");
        }
        return explicit;
      case "URL":
        if (urlUserInfo == null) {
          throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE + "=URL needs credentials in " + URL + ", e.g. https://user:password@host:8081");
        }
        return urlUserInfo;
      default:
        throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source, "supported values are USER_INFO and URL");
    }
  }

  private static Store store(Map<String, ?> props, String locationKey, String passwordKey, String typeKey, String keyPasswordKey) {
    String location = string(props, locationKey);
    if (location == null || location.isBlank()) {
      return null;
    }
    return new Store(location, string(props, passwordKey), string(props, typeKey),
        keyPasswordKey == null ? null : string(props, keyPasswordKey));
  }

  private static String string(Map<String, ?> props, String key) {
    Object value = props.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Password password) {
      return password.value();
    }
    if (value instanceof Collection<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(part -> parts.add(String.valueOf(part)));
      return String.join(",", parts);
    }
    return value.toString();
  }

  private static int integer(Map<String, ?> props, String key, int defaultValue) {
    String value = string(props, key);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "expected a whole number");
    }
  }

  private static Duration millis(Map<String, ?> props, String key, Duration defaultValue) {
    String value = string(props, key);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Duration.ofMillis(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "expected milliseconds as a whole number");
    }
  }

  private static Duration positive(String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new ConfigException(key, value.toMillis(), "must be more than 0 ms");
    }
    return value;
  }

  private static String validUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new ConfigException(URL + " is required");
    }
    String[] parts = url.split(",");
    for (String one : parts) {
      String trimmed = one.trim();
      if (trimmed.startsWith(MOCK_PREFIX)) {
        if (parts.length > 1) {
          throw new ConfigException(URL, url, "a mock:// registry cannot be combined with other URLs");
        }
        if (trimmed.length() == MOCK_PREFIX.length()) {
          throw new ConfigException(URL, url, "a mock:// URL needs a scope name, e.g. mock://test");
        }
        continue;
      }
      URI uri = parse(trimmed);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new ConfigException(URL, url, "expected http://host:port[/path], https://... or mock://<scope>");
      }
    }
    return url.trim();
  }

  private static URI parse(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException(URL, url, "not a valid URL: " + e.getMessage());
    }
  }

  private static String withoutUserInfo(URI uri) {
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment()).toString();
    } catch (URISyntaxException e) {
      throw new ConfigException(URL, uri.getHost(), "not a valid URL: " + e.getMessage());
    }
  }

  private static String mask(String secret) {
    return secret == null ? "none" : "[hidden]";
  }
}
