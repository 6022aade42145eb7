package org.feedbackrouter.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.ConfigException;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.notify.BackoffPolicy;
import org.feedbackrouter.notify.kafka.DeliveryService;
import org.feedbackrouter.service.FeedbackApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code run}: the processor against a real cluster and registry. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Run the processor against a Kafka cluster and a Schema Registry.",
        "Settings come from defaults, then --config FILE, then the environment: KAFKA_BOOTSTRAP_SERVERS,"
            + " SCHEMA_REGISTRY_URL, KAFKA_* (any Kafka client or Streams setting, e.g."
            + " KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_JAAS_CONFIG) and FEEDBACK_* (the service's own, e.g."
            + " FEEDBACK_HTTP_PORT). Secrets are accepted only from the environment.",
        "With FEEDBACK_NOTIFY_FILE (an ownership file with departments.<d>.notify) it also delivers"
            + " tasks and alerts to Slack, Teams and webhooks, as the notify command does alone.",
        "FEEDBACK_DLQ_KEY (base64, 32 bytes) seals dead letters' original values; without it run refuses to"
            + " start unless FEEDBACK_DLQ_STORE_ORIGINAL=false.",
        "Exit codes: 0 stopped cleanly, 1 Kafka Streams failed, 2 missing or invalid settings."})
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Mixin ConnectionOptions connection;
  @Mixin ClassifierOptions classifierOptions;

  @Override
  public Integer call() throws Exception {
    FeedbackConfig config = connection.load(classifierOptions.over(System.getenv()));
    // Read first: a bad notify list or a missing variable stops the start with exit 2.
    var destinations = config.notifyFile().map(NotifyCommand::destinations).filter(d -> {
      if (d.isEmpty()) {
        LOG.warn("{} has no departments.<d>.notify list: nothing to deliver", config.notifyFile().get());
      }
      return !d.isEmpty();
    });
    if (config.dlqStoreOriginal() && config.dlqKey().isEmpty()) {
      throw new ConfigException(List.of("FEEDBACK_DLQ_KEY is not set: dead letters keep their original value"
          + " sealed under it (generate one with `openssl rand -base64 32`); or set FEEDBACK_DLQ_STORE_ORIGINAL=false"
          + " to keep only a redacted copy, which cannot be replayed"));
    }
    FeedbackClassifier classifier = Classifiers.forConfig(config);
    FeedbackApp app = FeedbackApp.start(config, classifier);
    DeliveryService delivery = destinations
        .map(d -> DeliveryService.start(config, d, app.meters(), BackoffPolicy.DEFAULT)).orElse(null);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (delivery != null) {
        delivery.close();
      }
      app.close();
    }, "feedback-router-shutdown"));
    LOG.info("feedback-router running; metrics, health and API at {}", app.baseUrl());
    boolean failed = app.service().awaitStop();
    if (failed) {
      LOG.error("Kafka Streams stopped in error; exiting");
      app.close();
      return 1;
    }
    return 0;
  }
}
