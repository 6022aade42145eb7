package org.feedbackrouter.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feedbackrouter.config.ConfigException;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.metrics.MeterRegistries;
import org.feedbackrouter.metrics.PrometheusText;
import org.feedbackrouter.notify.BackoffPolicy;
import org.feedbackrouter.notify.Destination;
import org.feedbackrouter.notify.kafka.DeliveryService;
import org.feedbackrouter.route.InvalidOwnershipException;
import org.feedbackrouter.route.OwnershipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code notify [FILE]}: only the delivery to Slack, Teams and webhooks, for running it apart
 * from the processor (its own restarts, its own network egress). {@code run} does the same
 * in-process when {@code FEEDBACK_NOTIFY_FILE} is set.
 */
@Command(name = "notify", mixinStandardHelpOptions = true,
    description = {
        "Deliver tasks and alerts to the Slack, Teams and webhook destinations of the ownership file's"
            + " departments.<d>.notify lists (env:NAME values from the environment).",
        "Consumer group <application.id>-notify, read_committed; offsets are committed only after"
            + " delivery or notifications.dlq. Serves /metrics and /health/live on the HTTP port.",
        "Exit codes: 0 stopped cleanly, 1 delivery failed, 2 missing or invalid settings or file."})
final class NotifyCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(NotifyCommand.class);

  @Parameters(paramLabel = "FILE", arity = "0..1",
      description = "Ownership YAML with departments.<d>.notify (default: FEEDBACK_NOTIFY_FILE).")
  Path file;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws Exception {
    FeedbackConfig config = connection.load(System.getenv());
    Path ownership = file != null ? file : config.notifyFile()
        .orElseThrow(() -> new ConfigException(List.of("give the ownership FILE or set FEEDBACK_NOTIFY_FILE")));
    Map<String, List<Destination>> destinations = destinations(ownership);
    if (destinations.isEmpty()) {
      throw new ConfigException(List.of(ownership + ": no department has a notify list"));
    }
    PrometheusMeterRegistry meters = MeterRegistries.prometheus();
    HttpServer http = metricsServer(config.httpPort(), meters);
    try (DeliveryService delivery = DeliveryService.start(config, destinations, meters, BackoffPolicy.DEFAULT)) {
      Runtime.getRuntime().addShutdownHook(new Thread(delivery::close, "notify-shutdown"));
      LOG.info("Delivering to {} destination(s) of {}; metrics at http://localhost:{}/metrics",
          destinations.values().stream().mapToInt(List::size).sum(), destinations.keySet(),
          http.getAddress().getPort());
      return delivery.awaitStop() ? 1 : 0;
    } finally {
      http.stop(0);
    }
  }

  /** The file's destinations; a problem in the file is a settings problem (exit 2), one line each. */
  static Map<String, List<Destination>> destinations(Path ownership) {
    try {
      return OwnershipFile.load(ownership).destinations();
    } catch (InvalidOwnershipException e) {
      throw new ConfigException(e.errors());
    }
  }

  private static HttpServer metricsServer(int port, PrometheusMeterRegistry meters) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/metrics", ex -> reply(ex, PrometheusText.scrape(meters)));
    server.createContext("/health/live", ex -> reply(ex, "ok"));
    server.start();
    return server;
  }

  private static void reply(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
