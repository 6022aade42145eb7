package org.feedbackrouter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.feedbackrouter.classify.encoder.EncoderSettings;
import org.feedbackrouter.access.ApiTokens;
import org.feedbackrouter.alert.AlertSettings;
import org.feedbackrouter.dlq.DeadLetterKey;

/**
 * The service's own settings, resolved once at start-up by {@link ConfigLoader}. Kafka client
 * settings travel separately in {@link #kafka()} so they reach the clients unchanged.
 *
 * @param applicationId Kafka Streams application id; instances sharing it share the work
 * @param bootstrapServers Kafka bootstrap servers
 * @param registryUrl Schema Registry base URL, or {@code mock://scope} for the in-memory one
 * @param topicPrefix prefix put before every topic name, e.g. {@code acme.}
 * @param httpPort port of the metrics, health and API server; 0 picks a free one
 * @param advertisedHost host name other instances use to reach this one's HTTP API
 * @param maxTextLength longer feedback texts go to the dead-letter topic
 * @param maxFutureSkew a receipt time further than this in the future is rejected
 * @param dedupWindow a feedback id seen again within this window is dropped
 * @param unownedAlertInterval at most one unowned-topic alert per topic per interval
 * @param fallbackDepartment owner of unclassified feedback and unowned topics, when the ownership
 *     table has no defaults entry
 * @param createTopics whether the service creates department topics through the admin client
 * @param topicPartitions partitions of the topics the service creates; {@code feedback.received}
 *     and {@code task.events} must have this many, since task ids are chosen per partition
 * @param departmentTopicPartitions partitions of each {@code tasks.<department>} and
 *     {@code alerts.<department>} topic
 * @param replicationFactor replication of created topics; -1 takes the broker's default
 * @param taxonomyFile taxonomy YAML; empty means the bundled default taxonomy
 * @param modelFile topic model saved by {@code taxonomy train}; empty means train at start
 * @param slaCheckInterval wall-clock interval of the overdue-task check
 * @param resolvedRetention how long resolved tasks stay queryable
 * @param surgeWindow length of the windows in which surges are counted
 * @param surgeAdvance how often surge windows advance
 * @param encoder the sentence encoder asked about uncertain texts ({@code feedback.classifier.encoder*})
 * @param apiTokens the HTTP API's bearer tokens per department; none refuses every API call
 * @param notifyFile ownership file whose {@code departments.*.notify} lists the deliverer uses; empty
 *     means {@code run} delivers nothing
 * @param notifyApiUrl base URL of the API that Slack and Teams messages link to; empty means
 *     {@code http://<advertised host>:<http port>}
 * @param processingGuarantee {@code exactly_once_v2}, or {@code at_least_once} when an operator
 *     weakens it deliberately (the only way to: {@code kafka.processing.guarantee} is refused)
 * @param dlqKey key that seals dead letters' original values ({@code FEEDBACK_DLQ_KEY}, environment only)
 * @param dlqStoreOriginal whether dead letters keep their original value (sealed); without it they
 *     keep the redacted copy only and cannot be replayed
 * @param instanceName stable name of this instance for static group membership; empty derives one
 *     (see {@link InstanceName})
 * @param staticMembership whether the stream threads join as static members ({@code group.instance.id})
 * @param readyMaxStall {@code /health/ready} fails when input waits and nothing committed for this long
 * @param registry Schema Registry client settings, Confluent names
 * @param kafka Kafka client and Streams settings, passed through
 * @param sentimentModel a model saved by {@code sentiment train}; empty: the lexicon decides
 * @param priorityRules priority rules YAML; empty means the bundled rules
 * @param recovery how stream threads ride out a registry outage ({@code feedback.registry.lookup.*})
 * @param alerts how the alert stage groups and inhibits alerts ({@code feedback.alerts.*})
 */
public record FeedbackConfig(
    String applicationId,
    String bootstrapServers,
    String registryUrl,
    String topicPrefix,
    int httpPort,
    String advertisedHost,
    int maxTextLength,
    Duration maxFutureSkew,
    Duration dedupWindow,
    Duration unownedAlertInterval,
    String fallbackDepartment,
    boolean createTopics,
    int topicPartitions,
    int departmentTopicPartitions,
    short replicationFactor,
    Optional<Path> taxonomyFile,
    Optional<Path> modelFile,
    Duration slaCheckInterval,
    Duration resolvedRetention,
    Duration surgeWindow,
    Duration surgeAdvance,
    EncoderSettings encoder,
    ApiTokens apiTokens,
    Optional<Path> notifyFile,
    String notifyApiUrl,
    String processingGuarantee,
    Optional<DeadLetterKey> dlqKey,
    boolean dlqStoreOriginal,
    String instanceName,
    boolean staticMembership,
    Duration readyMaxStall,
    Map<String, String> registry,
    Map<String, String> kafka,
    Optional<Path> sentimentModel,
    Optional<Path> priorityRules,
    RecoverySettings recovery,
    AlertSettings alerts) {

  public FeedbackConfig {
    registry = Map.copyOf(registry);
    kafka = Map.copyOf(kafka);
  }

  /**
   * Names only what locates the service: the generated form would print the Kafka and registry
   * settings, API tokens and the dead-letter key, secrets that must never reach a log.
   */
  @Override
  public String toString() {
    return "FeedbackConfig[applicationId=" + applicationId + ", bootstrapServers=" + bootstrapServers
        + ", registryUrl=" + registryUrl + ", topicPrefix=" + topicPrefix + ", httpPort=" + httpPort + "]";
  }

  /** Where chat messages link to: {@link #notifyApiUrl()}, or this instance's own API. */
  public String apiBaseUrl() {
    return notifyApiUrl.isBlank() ? "http://" + advertisedHost + ":" + httpPort : notifyApiUrl;
  }

  /** A copy with another dead-letter key: the demo's ephemeral one. */
  public FeedbackConfig withDlqKey(DeadLetterKey key) {
    return new FeedbackConfig(applicationId, bootstrapServers, registryUrl, topicPrefix, httpPort,
        advertisedHost, maxTextLength, maxFutureSkew, dedupWindow, unownedAlertInterval, fallbackDepartment,
        createTopics, topicPartitions, departmentTopicPartitions, replicationFactor, taxonomyFile, modelFile,
        slaCheckInterval, resolvedRetention, surgeWindow, surgeAdvance, encoder, apiTokens, notifyFile, notifyApiUrl,
        processingGuarantee, Optional.of(key), dlqStoreOriginal, instanceName, staticMembership, readyMaxStall, registry, kafka,
        sentimentModel, priorityRules, recovery, alerts);
  }

  /** A copy with other Kafka settings, for tests and the embedded demo. */
  public FeedbackConfig withKafka(Map<String, String> overrides) {
    var merged = new java.util.HashMap<>(kafka);
    merged.putAll(overrides);
    return new FeedbackConfig(applicationId, bootstrapServers, registryUrl, topicPrefix, httpPort,
        advertisedHost, maxTextLength, maxFutureSkew, dedupWindow, unownedAlertInterval, fallbackDepartment,
        createTopics, topicPartitions, departmentTopicPartitions, replicationFactor, taxonomyFile, modelFile,
        slaCheckInterval, resolvedRetention, surgeWindow, surgeAdvance, encoder, apiTokens, notifyFile, notifyApiUrl,
        processingGuarantee, dlqKey, dlqStoreOriginal, instanceName, staticMembership, readyMaxStall, registry, merged,
        sentimentModel, priorityRules, recovery, alerts);
  }
}
