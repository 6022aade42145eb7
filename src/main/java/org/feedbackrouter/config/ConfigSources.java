package org.feedbackrouter.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The two layers above the defaults, as flat dotted keys: a properties or YAML file, and the
 * environment. {@link ConfigLoader} decides what the keys mean.
 */
final class ConfigSources {

  private ConfigSources() {}

  /** Maps {@code FEEDBACK_HTTP_PORT} to {@code feedback.http.port}, {@code KAFKA_SASL_JAAS_CONFIG} to {@code kafka.sasl.jaas.config}. */
  static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> out = new TreeMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith("FEEDBACK_")) {
        out.put(dotted(name), value);
      } else if (name.startsWith("KAFKA_")) {
        out.put("kafka." + dotted(name.substring("KAFKA_".length())), value);
      } else if (name.equals("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO")) {
        out.put("basic.auth.user.info", value);
      } else if (name.startsWith("SCHEMA_REGISTRY_")) {
        out.put(dotted(name), value);
      }
    });
    return out;
  }

  private static String dotted(String envName) {
    return envName.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  static String envName(String key) {
    String k = key.startsWith("basic.auth.") ? "schema.registry." + key : key;
    return k.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  static Map<String, String> readFile(Path file, List<String> problems) {
    Map<String, String> out = new TreeMap<>();
    String name = file.getFileName().toString();
    try {
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        flatten("", new YAMLMapper().readTree(file.toFile()), out);
      } else {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
          p.load(in);
        }
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
      }
    } catch (IOException | RuntimeException e) {
      problems.add("cannot read config file " + file + ": " + e.getMessage());
    }
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(
          e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
    } else {
      out.put(prefix, node.asText());
    }
  }
}
