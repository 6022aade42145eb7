package org.feedbackrouter.cli;

import java.util.concurrent.Callable;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.FeedbackConfig;
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
        "Exit codes: 0 stopped cleanly, 1 Kafka Streams failed, 2 missing or invalid settings."})
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Mixin ConnectionOptions connection;
  @Mixin ClassifierOptions classifierOptions;

  @Override
  public Integer call() throws Exception {
    FeedbackConfig config = connection.load(classifierOptions.over(System.getenv()));
    FeedbackClassifier classifier = Classifiers.forConfig(config);
    FeedbackApp app = FeedbackApp.start(config, classifier);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "feedback-router-shutdown"));
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
