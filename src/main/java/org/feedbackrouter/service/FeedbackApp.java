package org.feedbackrouter.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import org.feedbackrouter.http.ApiSettings;
import org.feedbackrouter.http.HttpApi;
import org.feedbackrouter.http.Silences;
import org.feedbackrouter.http.TaskEvents;
import org.feedbackrouter.metrics.MeterRegistries;
import org.feedbackrouter.metrics.PrometheusText;
import org.feedbackrouter.topology.FeedbackTopology;

/**
 * The whole service: HTTP first, so liveness answers while Kafka Streams starts, then the
 * processor. Each instance advertises its HTTP address as {@code application.server}, which is
 * how the API finds the instance that holds a task.
 */
public final class FeedbackApp implements AutoCloseable {
  private final PrometheusMeterRegistry meters;
  private final HttpApi http;
  private final FeedbackService service;
  private final TaskEventProducer events;
  private final KafkaSilences silences;

  private FeedbackApp(FeedbackConfig config, FeedbackClassifier classifier) throws IOException {
    this.meters = MeterRegistries.prometheus();
    AtomicReference<FeedbackService> running = new AtomicReference<>();
    AtomicReference<TaskEvents> writer = new AtomicReference<>();
    AtomicReference<Silences> silenceBook = new AtomicReference<>();
    String configured = config.kafka().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
    String host = configured == null ? config.advertisedHost() : HostInfo.buildFromEndpoint(configured).host();
    this.http = new HttpApi(config.httpPort(), () -> PrometheusText.scrape(meters),
        () -> running.get() != null && running.get().isReady(),
        () -> running.get() == null ? null : running.get().streams(), writer::get, silenceBook::get,
        new ApiSettings(FeedbackTopology.TASK_STORE, FeedbackTopology.OWNERSHIP_STORE, config.fallbackDepartment(),
            config.apiTokens(), classifier.taxonomy().topicIds(), host));
    HostInfo self = http.advertised();
    try {
      this.service = FeedbackService.start(config.withKafka(Map.of(
          StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port())), meters, classifier);
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
    this.events = new TaskEventProducer(KafkaClients.config(config), service.topics().taskEvents());
    writer.set(events);
    this.silences = new KafkaSilences(KafkaClients.config(config), service.topics().silences(), service::streams);
    silenceBook.set(silences);
    running.set(service);
  }

  public static FeedbackApp start(FeedbackConfig config, FeedbackClassifier classifier) throws IOException {
    return new FeedbackApp(config, classifier);
  }

  public String baseUrl() {
    return "http://" + http.advertised().host() + ":" + http.port();
  }

  public FeedbackService service() {
    return service;
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  @Override
  public void close() {
    events.close();
    silences.close();
    service.close();
    http.close();
  }
}
