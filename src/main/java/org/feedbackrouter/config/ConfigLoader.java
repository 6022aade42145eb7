package org.feedbackrouter.config;

import static org.feedbackrouter.config.SettingParser.departmentName;
import static org.feedbackrouter.config.SettingParser.port;
import static org.feedbackrouter.config.SettingParser.positive;
import static org.feedbackrouter.config.SettingParser.unit;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.feedbackrouter.alert.AlertSettingsParser;
import org.feedbackrouter.classify.encoder.EncoderCascade;
import org.feedbackrouter.classify.encoder.EncoderMode;
import org.feedbackrouter.classify.encoder.EncoderSettings;
import org.feedbackrouter.access.ApiTokens;
import org.feedbackrouter.dlq.DeadLetterKey;

/**
 * Resolves {@link FeedbackConfig} in layers: built-in defaults, then a properties or YAML file,
 * then the environment ({@code FEEDBACK_*}, {@code KAFKA_*}, {@code SCHEMA_REGISTRY_*}). Secrets
 * are accepted only from the environment, so they never end up in a file under version control.
 *
 * <p>Keys: {@code feedback.*} are the service's own; {@code kafka.*} pass through to every Kafka
 * client and to Kafka Streams with the prefix removed; {@code schema.registry.*} and
 * {@code basic.auth.user.info} configure the registry client.
 */
public final class ConfigLoader {

  /** Every service key with its default; an unknown {@code feedback.*} key is an error. */
  public static final Map<String, String> DEFAULTS = defaults();

  private static final Pattern SECRET =
      Pattern.compile(".*(password|secret|jaas|user\\.info|token|credentials|dlq\\.key).*");
  private static final String DLQ_KEY = "feedback.dlq.key";
  private static final String STORE_ORIGINAL = "feedback.dlq.store-original";

  private ConfigLoader() {}

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("feedback.application.id", "feedback-router");
    d.put("feedback.topic.prefix", "");
    d.put("feedback.http.port", "8080");
    d.put("feedback.advertised.host", "localhost");
    d.put("feedback.text.max.length", "10000");
    d.put("feedback.future.skew", "1h");
    d.put("feedback.dedup.window", "7d");
    d.put("feedback.unowned.alert.interval", "1h");
    d.put("feedback.fallback.department", "cx_office");
    d.put("feedback.topics.create", "true");
    d.put("feedback.topics.partitions", "3");
    // A department's share of the feedback fits one partition, which also keeps its tasks in
    // order and each exactly-once commit small (every partition written gets a commit marker).
    d.put("feedback.department.topics.partitions", "1");
    d.put("feedback.topics.replication", "-1");
    d.put("feedback.taxonomy.file", "");
    d.put("feedback.classifier.model", "");
    d.put("feedback.sentiment.model", "");
    d.put("feedback.priority.rules", "");
    // Sentence encoder for texts the linear model is unsure of (docs/encoder.md).
    d.put("feedback.classifier.encoder", "uncertain");
    d.put("feedback.classifier.encoder.model", "");
    d.put("feedback.classifier.encoder.tokenizer", "");
    d.put("feedback.classifier.encoder.pooling", "mean");
    d.put("feedback.classifier.encoder.languages", "en");
    d.put("feedback.classifier.encoder.threshold", Double.toString(EncoderCascade.DEFAULT_THRESHOLD));
    d.put("feedback.sla.check.interval", "30s");
    d.put("feedback.resolved.retention", "7d");
    d.put("feedback.surge.window", "15m");
    d.put("feedback.surge.advance", "5m");
    d.putAll(AlertSettingsParser.defaults());
    // department:token,... for the HTTP API; a secret, so from the environment only.
    d.put("feedback.api.tokens", "");
    d.put("feedback.notify.file", "");
    d.put("feedback.notify.api.url", "");
    d.put("feedback.processing.guarantee", GuardedSettings.EXACTLY_ONCE);
    d.put(DLQ_KEY, "");
    d.put(STORE_ORIGINAL, "true");
    d.put("feedback.instance.name", "");
    d.put("feedback.static.membership", "true");
    d.put("feedback.ready.max.stall", "30s");
    d.putAll(RecoverySettingsReader.DEFAULTS);
    return Map.copyOf(d);
  }

  private static Optional<Path> optionalPath(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank()).map(Path::of);
  }

  /** Loads the layers; {@code env} is {@link System#getenv()} outside tests. */
  public static FeedbackConfig load(Optional<Path> file, Map<String, String> env) {
    Map<String, String> layered = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    if (file.isPresent()) {
      Map<String, String> fromFile = ConfigSources.readFile(file.get(), problems);
      fromFile.keySet().stream()
          .filter(k -> SECRET.matcher(k).matches())
          .forEach(k -> problems.add("setting '" + k + "' in " + file.get()
              + " is a secret: pass it in the environment instead, as " + ConfigSources.envName(k)));
      layered.putAll(fromFile);
    }
    layered.putAll(ConfigSources.fromEnvironment(env));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return fromProperties(layered);
  }

  /** Defaults overlaid with the given settings, validated. */
  public static FeedbackConfig fromProperties(Map<String, String> settings) {
    List<String> problems = new ArrayList<>();
    Map<String, String> service = new TreeMap<>(DEFAULTS);
    Map<String, String> kafka = new TreeMap<>();
    Map<String, String> registry = new TreeMap<>();
    settings.forEach((setting, value) -> {
      // FEEDBACK_DLQ_STORE_ORIGINAL arrives as feedback.dlq.store.original.
      String key = setting.equals("feedback.dlq.store.original") ? STORE_ORIGINAL : setting;
      if (key.startsWith("kafka.")) {
        kafka.put(key.substring("kafka.".length()), value);
      } else if (key.startsWith("schema.registry.") || key.equals("basic.auth.user.info")) {
        registry.put(key, value);
      } else if (DEFAULTS.containsKey(key)) {
        service.put(key, value);
      } else {
        problems.add("unknown setting '" + key + "': known ones are " + DEFAULTS.keySet()
            + ", kafka.*, schema.registry.*");
      }
    });
    problems.addAll(GuardedSettings.refused(kafka.keySet()));
    String bootstrap = kafka.get("bootstrap.servers");
    if (bootstrap == null || bootstrap.isBlank()) {
      problems.add("missing Kafka bootstrap servers: set KAFKA_BOOTSTRAP_SERVERS or kafka.bootstrap.servers");
    }
    String registryUrl = registry.get("schema.registry.url");
    if (registryUrl == null || registryUrl.isBlank()) {
      problems.add("missing Schema Registry URL: set SCHEMA_REGISTRY_URL or schema.registry.url");
    } else if (!registryUrl.matches("(https?|mock)://.+")) {
      problems.add("schema.registry.url '" + registryUrl + "' must start with http://, https:// or mock://");
    }
    SettingParser r = new SettingParser(service, DEFAULTS, problems);
    FeedbackConfig config = new FeedbackConfig(
        r.get("feedback.application.id", Function.identity()),
        bootstrap,
        registryUrl,
        r.get("feedback.topic.prefix", Function.identity()),
        r.get("feedback.http.port", v -> port(Integer.parseInt(v))),
        r.get("feedback.advertised.host", Function.identity()),
        r.get("feedback.text.max.length", v -> positive(Integer.parseInt(v))),
        r.get("feedback.future.skew", Durations::parse),
        r.get("feedback.dedup.window", v -> positive(Durations.parse(v))),
        r.get("feedback.unowned.alert.interval", v -> positive(Durations.parse(v))),
        r.get("feedback.fallback.department", SettingParser::departmentName),
        r.get("feedback.topics.create", SettingParser::bool),
        r.get("feedback.topics.partitions", v -> positive(Integer.parseInt(v))),
        r.get("feedback.department.topics.partitions", v -> positive(Integer.parseInt(v))),
        r.get("feedback.topics.replication", v -> Short.parseShort(v)),
        optionalPath(r.get("feedback.taxonomy.file", Function.identity())),
        optionalPath(r.get("feedback.classifier.model", Function.identity())),
        r.get("feedback.sla.check.interval", v -> positive(Durations.parse(v))),
        r.get("feedback.resolved.retention", v -> positive(Durations.parse(v))),
        r.get("feedback.surge.window", v -> positive(Durations.parse(v))),
        r.get("feedback.surge.advance", v -> positive(Durations.parse(v))),
        encoderSettings(r, problems),
        apiTokens(service.get("feedback.api.tokens"), problems),
        optionalPath(r.get("feedback.notify.file", Function.identity())),
        r.get("feedback.notify.api.url", Function.identity()),
        r.get("feedback.processing.guarantee", GuardedSettings::guarantee),
        dlqKey(service.get(DLQ_KEY), problems),
        r.get(STORE_ORIGINAL, SettingParser::bool),
        r.get("feedback.instance.name", v -> v.isBlank() ? "" : departmentName(v)),
        r.get("feedback.static.membership", SettingParser::bool),
        r.get("feedback.ready.max.stall", v -> positive(Durations.parse(v))),
        registry,
        kafka,
        optionalPath(r.get("feedback.sentiment.model", Function.identity())),
        optionalPath(r.get("feedback.priority.rules", Function.identity())),
        RecoverySettingsReader.read(service, problems),
        AlertSettingsParser.parse(service, problems));
    if (config.surgeWindow().toMillis() % config.surgeAdvance().toMillis() != 0) {
      problems.add("feedback.surge.window must be a whole number of feedback.surge.advance");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }


  private static EncoderSettings encoderSettings(SettingParser r, List<String> problems) {
    Optional<Path> model = r.get("feedback.classifier.encoder.model", v -> optionalPath(v.strip()));
    Optional<Path> tokenizer = r.get("feedback.classifier.encoder.tokenizer", v -> optionalPath(v.strip()));
    try {
      return new EncoderSettings(
          r.get("feedback.classifier.encoder", EncoderMode::parse),
          model,
          tokenizer,
          r.get("feedback.classifier.encoder.pooling", EncoderSettings::pooling),
          r.get("feedback.classifier.encoder.languages", EncoderSettings::languages),
          r.get("feedback.classifier.encoder.threshold", v -> unit(Double.parseDouble(v))));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return EncoderSettings.defaults();
    }
  }

  /** Parsed apart from the others: a bad value must not be echoed, since it holds tokens. */
  private static ApiTokens apiTokens(String value, List<String> problems) {
    try {
      return ApiTokens.parse(value);
    } catch (IllegalArgumentException e) {
      problems.add("setting feedback.api.tokens (FEEDBACK_API_TOKENS) is invalid: " + e.getMessage());
      return ApiTokens.none();
    }
  }

  /** Parsed outside {@link SettingParser}, whose problem lines quote the value: this one is a secret. */
  private static Optional<DeadLetterKey> dlqKey(String value, List<String> problems) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(DeadLetterKey.fromBase64(value));
    } catch (IllegalArgumentException e) {
      problems.add("FEEDBACK_DLQ_KEY " + e.getMessage() + ": generate one with `openssl rand -base64 32`");
      return Optional.empty();
    }
  }

}
