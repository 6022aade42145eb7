package org.feedbackrouter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.feedbackrouter.avro.Channel;
import org.feedbackrouter.avro.FeedbackReceived;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product as people use it: the README's {@code java -jar target/feedback-router.jar demo}
 * run as a child process, Debian's {@code prometheus} scraping its /metrics every second, and
 * every query of the Grafana dashboard (and its template variable) evaluated against that
 * Prometheus. Needs {@code target/feedback-router.jar} (Failsafe runs after {@code package}) and
 * {@code prometheus} on the PATH ({@code apt-get install prometheus}).
 *
 * <p>Files land in {@code target/demo-dashboard-it/}: the demo's stdout and stderr, the
 * Prometheus config, log and TSDB, and the demo's {@code java.io.tmpdir}. The demo gets a
 * temporary directory of its own so that it neither sees what other runs on this machine left
 * in /tmp nor leaves anything there.
 */
class DemoDashboardIT {
  private static final Logger LOG = LoggerFactory.getLogger(DemoDashboardIT.class);
  private static final Path JAR = Path.of("target", "feedback-router.jar");
  private static final Path DASHBOARD = Path.of("grafana", "dashboards", "feedback-routing.json");
  private static final Path WORK = Path.of("target", "demo-dashboard-it");

  // The demo trains its classifier before it is ready: a minute or more on a loaded machine.
  private static final Duration READY_WITHIN = Duration.ofSeconds(180);
  private static final Duration METRICS_WITHIN = Duration.ofSeconds(90);
  private static final Duration PANELS_WITHIN = Duration.ofSeconds(120);
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(10);

  /** Feedback on no topic of the taxonomy: classified as unclassified, routed to the fallback owner. */
  private static final String OFF_TOPIC_TEXT =
      "The weather in the mountains was sunny and the birds sang all afternoon";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\(\\s*(.+?)\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$");
  private static final Pattern URL = Pattern.compile("https?://[^\\s/]+(/\\S*)?");
  private static final Pattern SUMMARY = Pattern.compile(
      "^\\d\\d:\\d\\d:\\d\\d +(\\d+) +(\\d+)( +\\d+){7}$");

  private static final Pattern TOKEN = Pattern.compile("^\\s*API tokens\\s+finance (\\S+)");
  private static final Pattern CURL_TASK = Pattern.compile("^\\s*T=\\S+; TASK=(http\\S+)$");
  private static final Pattern CURL_BODY = Pattern.compile("-d '(\\{.*})' \\$TASK/events$");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** The finance token the demo made and printed; sent on every /api call. */
  private String token;

  @Test
  void demoRunsAndEveryDashboardPanelReturnsData() throws Exception {
    String prometheusBinary = onPath("prometheus")
        .orElseGet(() -> fail("prometheus is not on the PATH: apt-get install -y prometheus"));
    assertThat(JAR).as("the shaded jar (mvn package)").isRegularFile();
    Utils.delete(WORK.toFile());
    Path tmp = Files.createDirectories(WORK.resolve("tmp"));
    Path demoOut = WORK.resolve("demo.out");
    Path demoErr = WORK.resolve("demo.err");
    int port = freePort();
    int prometheusPort = freePort();
    String base = "http://localhost:" + port;
    SoftAssertions softly = new SoftAssertions();

    Process demo = null;
    Process prometheus = null;
    try {
      long started = System.nanoTime();
      ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx1g", "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
          "-jar", JAR.toAbsolutePath().toString(),
          "demo", "--http-port", Integer.toString(port), "--duration", "240", "--summary-every", "5",
          // Free ports: another run on this machine may hold the defaults.
          "--kafka-port", "0", "--registry-port", "0");
      // Without FEEDBACK_API_TOKENS the demo makes tokens and prints them.
      builder.environment().remove("FEEDBACK_API_TOKENS");
      demo = builder.redirectOutput(demoOut.toFile()).redirectError(demoErr.toFile()).start();
      // Started at once, so its first samples predate the first feedback and increase() sees all of it.
      prometheus = startPrometheus(prometheusBinary, port, prometheusPort);
      String prom = "http://127.0.0.1:" + prometheusPort;

      Process running = demo;
      await("/health/ready = 200").atMost(READY_WITHIN).pollInterval(Duration.ofMillis(500))
          .until(() -> {
            assertAlive(running, demoErr);
            return status(base + "/health/ready") == 200;
          });
      long ready = System.nanoTime();
      log("demo ready %.1f s after start", seconds(ready - started));
      assertThat(status(base + "/health/live")).as("/health/live").isEqualTo(200);
      await("'Ready' line on stdout").atMost(Duration.ofSeconds(5))
          .until(() -> Files.readString(demoOut).contains("Ready: Kafka Streams is RUNNING."));

      List<String> printed = Files.readAllLines(demoOut);
      token = printed.stream().map(TOKEN::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
          .orElseGet(() -> fail("no API tokens line in the demo's output:%n%s", String.join("\n", printed)));
      assertPrintedUrls(printed, port);
      String bootstrap = printed.stream()
          .map(l -> Pattern.compile("^\\s*broker\\s+(\\S+)").matcher(l))
          .filter(Matcher::find).map(m -> m.group(1)).findFirst()
          .orElseGet(() -> fail("no broker line in the demo's output:%n%s", String.join("\n", printed)));

      injectBadAndOffTopicFeedback(bootstrap);

      Map<String, Double> observed = new TreeMap<>();
      await("demo metrics: resolutions in >= 3 departments, SLA breaches, a SURGE alert, the injected feedback")
          .atMost(METRICS_WITHIN).pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> {
            assertAlive(running, demoErr);
            List<Sample> samples = scrape(base + "/metrics");
            Map<String, Double> resolvedByDepartment = samples.stream()
                .filter(s -> s.name().equals("feedback_task_resolution_seconds_count"))
                .collect(Collectors.groupingBy(s -> s.labels().get("department"), TreeMap::new,
                    Collectors.summingDouble(Sample::value)));
            resolvedByDepartment.values().removeIf(v -> v <= 0);
            double breaches = sum(samples, "feedback_sla_breaches_total", Map.of());
            double surges = sum(samples, "feedback_alerts_total", Map.of("kind", "SURGE"));
            double malformed = sum(samples, "feedback_rejected_total", Map.of("reason", "malformed"));
            double unowned = sum(samples, "feedback_unowned_total", Map.of("topic", "unclassified"));
            assertThat(resolvedByDepartment).as("departments with resolved tasks").hasSizeGreaterThanOrEqualTo(3);
            assertThat(breaches).as("feedback_sla_breaches_total").isPositive();
            assertThat(surges).as("feedback_alerts_total{kind=\"SURGE\"}").isPositive();
            assertThat(malformed).as("feedback_rejected_total{reason=\"malformed\"} after a non-Avro record")
                .isPositive();
            assertThat(unowned).as("feedback_unowned_total{topic=\"unclassified\"} after off-topic feedback")
                .isPositive();
            observed.clear();
            observed.put("departments with resolutions", (double) resolvedByDepartment.size());
            observed.put("resolutions", resolvedByDepartment.values().stream().mapToDouble(Double::doubleValue).sum());
            observed.put("received", sum(samples, "feedback_received_total", Map.of()));
            observed.put("tasks open", sum(samples, "feedback_tasks_open", Map.of()));
            observed.put("sla breaches", breaches);
            observed.put("surge alerts", surges);
            observed.put("alerts", sum(samples, "feedback_alerts_total", Map.of()));
            observed.put("rejected malformed", malformed);
            observed.put("unowned unclassified", unowned);
          });
      log("demo metrics satisfied %.1f s after ready: %s", seconds(System.nanoTime() - ready), observed);
      assertThat(status(base + "/health/ready")).as("/health/ready after bad input").isEqualTo(200);
      assertTasksApi(base);
      assertPrintedCurlResolvesATask(demoOut);
      await("summary lines counting the injected reject").atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertSummaryLines(demoOut));

      long panelsFrom = System.nanoTime();
      Map<String, String> failures = awaitDashboardData(prom, softly);
      log("dashboard queries checked %.1f s after the metrics (%d failing)", seconds(System.nanoTime() - panelsFrom),
          failures.size());

      long term = System.nanoTime();
      demo.destroy();
      boolean exited = demo.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS);
      softly.assertThat(exited).as("the demo exits within %s of SIGTERM", EXIT_WITHIN).isTrue();
      if (!exited) {
        log("demo still running %s after SIGTERM; see %s for how far its shutdown got", EXIT_WITHIN, demoErr);
      }
      if (exited) {
        log("demo exited %.1f s after SIGTERM with code %d", seconds(System.nanoTime() - term), demo.exitValue());
        softly.assertThat(Files.readString(demoOut)).as("the broker, registry and processor are stopped on SIGTERM")
            .contains("Stopped: broker, registry and processor closed; temporary data removed.");
        softly.assertThat(Files.readString(demoErr)).as("the broker's own lines stay in the log file")
            .doesNotContain("Embedded Kafka broker", "Storage formatter");
        softly.assertThat(Files.readString(demoOut)).as("a final summary at shutdown")
            .containsPattern("Stopped after \\d+m \\d\\ds: \\d+ feedback received");
        softly.assertThat(Files.readString(demoErr)).as("Kafka's own logs stay in the log file")
            .doesNotContain("OutOfOrderSequenceException", "Created topic", "TOPIC_ALREADY_EXISTS");
        try (Stream<Path> left = Files.list(tmp)) {
          softly.assertThat(left.map(p -> tmp.relativize(p).toString()).sorted().toList())
              .as("left in the demo's java.io.tmpdir after it exits: broker data and state stores belong"
                  + " in a temporary directory removed on exit (see demo --help, --data-dir)")
              .isEmpty();
        }
      }
      softly.assertAll();
    } finally {
      stop(prometheus);
      stop(demo);
    }
  }

  // --- the demo's output and API ---

  /** Every URL the demo prints points at the port it was given, and the ones a person opens answer. */
  private void assertPrintedUrls(List<String> printed, int port) throws Exception {
    List<String> all = printed.stream()
        .flatMap(l -> URL.matcher(l).results().map(java.util.regex.MatchResult::group)).toList();
    String base = "http://localhost:" + port;
    // The schema registry's URL (banner, produce and tail commands) is the one on another port.
    List<String> registry = all.stream().filter(u -> !u.startsWith(base + "/")).distinct().toList();
    assertThat(registry).as("the registry's URL").singleElement().asString().matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(status(registry.get(0) + "/subjects")).as("GET %s/subjects", registry.get(0)).isEqualTo(200);
    List<String> urls = all.stream().filter(u -> u.startsWith(base + "/")).toList();
    assertThat(urls).as("URLs printed by the demo").isNotEmpty()
        .allSatisfy(u -> assertThat(u).startsWith(base + "/"))
        .contains(base + "/metrics", base + "/health/live", base + "/health/ready");
    for (String u : urls) {
      if (!u.contains("{") && !u.endsWith("/events")) {
        assertThat(status(u)).as("GET %s (printed by the demo)", u).isEqualTo(200);
      }
    }
  }

  /** The open tasks of a department, then one task's history, as a department would look them up. */
  private void assertTasksApi(String base) throws Exception {
    HttpResponse<String> list = get(base + "/api/departments/finance/tasks?status=open");
    assertThat(list.statusCode()).as("open tasks of finance").isEqualTo(200);
    JsonNode tasks = JSON.readTree(list.body()).path("tasks");
    assertThat(tasks.size()).as("open finance tasks in %s", list.body()).isPositive();
    String taskId = tasks.get(0).path("taskId").asText();
    HttpResponse<String> one = get(base + "/api/tasks/" + URLEncoder.encode(taskId, StandardCharsets.UTF_8));
    assertThat(one.statusCode()).as("GET /api/tasks/%s", taskId).isEqualTo(200);
    assertThat(JSON.readTree(one.body()).path("taskId").asText()).isEqualTo(taskId);
  }

  /** The POST the demo prints, sent as printed: accepted, and the task's history then shows it. */
  private void assertPrintedCurlResolvesATask(Path demoOut) throws Exception {
    String taskUrl = await("a curl that resolves a task, on stdout").atMost(Duration.ofSeconds(60))
        .until(() -> find(demoOut, CURL_TASK), m -> m != null);
    String body = find(demoOut, CURL_BODY);
    assertThat(body).as("the curl's body").isNotNull();
    String url = taskUrl + "/events";
    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as("POST %s: %s", url, posted.body()).isEqualTo(202);
    await("the resolution in the task's history").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonNode task = JSON.readTree(get(taskUrl).body());
      assertThat(task.path("status").asText()).isEqualTo("RESOLVED");
      assertThat(task.path("history").findValuesAsText("note")).anySatisfy(n -> assertThat(n).contains("code fixed"));
    });
  }

  /** The first group of the first line of the demo's output that the pattern finds, or null. */
  private static String find(Path demoOut, Pattern pattern) throws IOException {
    return Files.readAllLines(demoOut).stream().map(pattern::matcher).filter(Matcher::find)
        .map(m -> m.group(1)).findFirst().orElse(null);
  }

  /** A summary line every few seconds; the last one counts the feedback and the injected reject. */
  private static void assertSummaryLines(Path demoOut) throws IOException {
    List<Matcher> lines = Files.readAllLines(demoOut).stream().map(SUMMARY::matcher).filter(Matcher::matches).toList();
    assertThat(lines).as("summary lines in the demo's output").hasSizeGreaterThanOrEqualTo(3);
    List<String> printed = Files.readAllLines(demoOut);
    assertThat(printed.get(0)).as("the demo's first line").startsWith("feedback-router demo: starting");
    assertThat(printed.stream().filter(l -> l.startsWith("time ")).count()).as("summary header lines").isEqualTo(1);
    assertThat(lines).allSatisfy(l -> assertThat(l.group().length()).isLessThan(80));
    Matcher last = lines.get(lines.size() - 1);
    assertThat(Long.parseLong(last.group(1))).as("received, in %s", last.group()).isPositive();
    assertThat(Long.parseLong(last.group(2))).as("rejected, in %s", last.group()).isPositive();
  }

  // --- bad and off-topic input, as a broken pipeline and an unusual comment would send it ---

  /**
   * Sends one record that is not Avro and one feedback about no topic of the taxonomy. The demo's
   * registry lives in its JVM, so the off-topic feedback reuses the wire-format header (magic
   * byte and schema id) of a record the demo's own simulator wrote: same jar, same schema.
   */
  private static void injectBadAndOffTopicFeedback(String bootstrap) throws Exception {
    byte[] header = simulatorHeader(bootstrap);
    FeedbackReceived offTopic = FeedbackReceived.newBuilder()
        .setId("it-off-topic-" + System.nanoTime())
        .setChannel(Channel.WEB)
        .setReceivedAt(Instant.now())
        .setLanguage("en")
        .setText(OFF_TOPIC_TEXT)
        .build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(header);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<>(FeedbackReceived.class).write(offTopic, encoder);
    encoder.flush();

    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
             new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("feedback.received", "it-not-avro",
          "this is not Avro".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>("feedback.received", offTopic.getId(), bytes.toByteArray()))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static byte[] simulatorHeader(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-dashboard-it-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("feedback.received"));
      byte[][] header = new byte[1][];
      await("a simulated feedback record on feedback.received").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ZERO).until(() -> {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
              if (r.value() != null && r.value().length > 5 && r.value()[0] == 0) {
                header[0] = Arrays.copyOf(r.value(), 5);
                return true;
              }
            }
            return false;
          });
      return header[0];
    }
  }

  // --- Prometheus ---

  private Process startPrometheus(String binary, int demoPort, int port) throws Exception {
    Path config = WORK.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: feedback-router-demo
            metrics_path: /metrics
            static_configs:
              - targets: ['localhost:%d']
        """.formatted(demoPort));
    Path log = WORK.resolve("prometheus.log");
    Process p = new ProcessBuilder(binary,
        "--config.file=" + config.toAbsolutePath(),
        "--storage.tsdb.path=" + Files.createDirectories(WORK.resolve("tsdb")).toAbsolutePath(),
        "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    await("prometheus /-/ready").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
      assertAlive(p, log);
      return status("http://127.0.0.1:" + port + "/-/ready") == 200;
    });
    return p;
  }

  /**
   * Waits until every dashboard query (and each label_values variable) returns at least one
   * finite value, up to {@link #PANELS_WITHIN}; records the ones that never did.
   *
   * @return what failed, by panel title and expression, with the last answer
   */
  private Map<String, String> awaitDashboardData(String prom, SoftAssertions softly) throws IOException {
    JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
    Map<String, String> substitutions = variableValues(dashboard);
    Map<String, String> queries = new LinkedHashMap<>();
    Map<String, String> variableChecks = new LinkedHashMap<>();
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      String query = variable.path("query").isObject()
          ? variable.path("query").path("query").asText() : variable.path("query").asText();
      Matcher m = LABEL_VALUES.matcher(query);
      if ("query".equals(variable.path("type").asText()) && m.matches()) {
        variableChecks.put("variable $" + variable.path("name").asText() + ": " + query,
            "/api/v1/label/" + m.group(2) + "/values?" + encode("match[]") + "="
                + encode(substitute(m.group(1), substitutions)));
      }
    }
    List<JsonNode> panels = new ArrayList<>();
    dashboard.path("panels").forEach(p -> collectPanels(p, panels));
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText("");
        if (!expr.isBlank()) {
          queries.put("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText() + ": " + expr,
              "/api/v1/query?query=" + encode(substitute(expr, substitutions)));
        }
      }
    }
    assertThat(queries).as("queries in %s", DASHBOARD).isNotEmpty();
    log("%d dashboard queries and %d variable queries to evaluate", queries.size(), variableChecks.size());
    Map<String, String> pending = new LinkedHashMap<>(variableChecks);
    pending.putAll(queries);
    Map<String, String> lastAnswer = new HashMap<>();
    try {
      await("every dashboard query returns data").atMost(PANELS_WITHIN).pollInterval(Duration.ofSeconds(2))
          .until(() -> {
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
              Map.Entry<String, String> e = it.next();
              JsonNode answer = prometheusGet(prom + e.getValue());
              boolean success = "success".equals(answer.path("status").asText());
              lastAnswer.put(e.getKey(), (success ? answer.path("data") : answer).toString());
              if (hasFiniteValue(answer)) {
                it.remove();
              }
            }
            return pending.isEmpty();
          });
    } catch (ConditionTimeoutException timeout) {
      // Reported below, with the rest, so that the shutdown checks still run.
    }
    Map<String, String> failures = new LinkedHashMap<>();
    pending.keySet().forEach(k -> failures.put(k, lastAnswer.get(k)));
    softly.assertThat(failures)
        .as("dashboard queries that returned no finite value within %s against Prometheus scraping the demo"
            + " (panel, refId, expr -> last answer)", PANELS_WITHIN)
        .withFailMessage(() -> failures.entrySet().stream().map(e -> "  " + e.getKey() + "\n      -> " + e.getValue())
            .collect(Collectors.joining("\n", "dashboard queries without data:\n", "")))
        .isEmpty();
    return failures;
  }

  private static void collectPanels(JsonNode panel, List<JsonNode> into) {
    into.add(panel);
    panel.path("panels").forEach(p -> collectPanels(p, into));
  }

  /**
   * What each template variable stands for: "All" of a multi-value variable (its allValue, else
   * .*), the current value otherwise; and Grafana's built-in interval variables.
   */
  private static Map<String, String> variableValues(JsonNode dashboard) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("__rate_interval", "1m");
    values.put("__interval", "15s");
    values.put("__range", "1h");
    for (JsonNode v : dashboard.path("templating").path("list")) {
      String value;
      if (v.path("includeAll").asBoolean() || v.path("multi").asBoolean()) {
        value = v.path("allValue").asText("").isEmpty() ? ".*" : v.path("allValue").asText();
      } else if (!v.path("current").path("value").asText("").isEmpty()) {
        value = v.path("current").path("value").asText();
      } else {
        value = v.path("query").asText(".*");
      }
      values.put(v.path("name").asText(), value);
    }
    return values;
  }

  private static String substitute(String expr, Map<String, String> values) {
    String out = expr;
    // Longest names first, so $__range is not read as $__rate... and ${x} forms go before $x.
    List<String> names = values.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String name : names) {
      String value = values.get(name);
      out = out.replace("${" + name + "}", value).replace("[[" + name + "]]", value)
          .replaceAll("\\$" + Pattern.quote(name) + "(?![a-zA-Z0-9_])", Matcher.quoteReplacement(value));
    }
    assertThat(out).as("unresolved template variable in %s", expr).doesNotContainPattern("\\$\\{?[a-zA-Z_]");
    return out;
  }

  private static boolean hasFiniteValue(JsonNode answer) {
    if (!"success".equals(answer.path("status").asText())) {
      return false;
    }
    JsonNode data = answer.path("data");
    if (data.isArray()) {
      return !data.isEmpty();
    }
    JsonNode result = data.path("result");
    if ("scalar".equals(data.path("resultType").asText())) {
      return finite(result.path(1).asText());
    }
    for (JsonNode series : result) {
      if (finite(series.path("value").path(1).asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean finite(String value) {
    try {
      return Double.isFinite(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private JsonNode prometheusGet(String url) throws IOException, InterruptedException {
    return JSON.readTree(get(url).body());
  }

  // --- /metrics ---

  private record Sample(String name, Map<String, String> labels, double value) {}

  private List<Sample> scrape(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = get(url);
    assertThat(r.statusCode()).as("GET %s", url).isEqualTo(200);
    List<Sample> samples = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (line.startsWith("#") || !m.matches()) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      if (m.group(2) != null) {
        LABEL.matcher(m.group(2)).results().forEach(l -> labels.put(l.group(1), l.group(2)));
      }
      samples.add(new Sample(m.group(1), labels, parseValue(m.group(3))));
    }
    return samples;
  }

  private static double parseValue(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static double sum(List<Sample> samples, String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Sample::value).filter(Double::isFinite).sum();
  }

  // --- processes and HTTP ---

  private int status(String url) {
    try {
      return get(url).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
    if (token != null && url.contains("/api/") && !url.contains("/api/v1/")) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertAlive(Process p, Path log) throws IOException {
    if (!p.isAlive()) {
      List<String> lines = Files.readAllLines(log);
      throw new IllegalStateException("process exited with code " + p.exitValue() + "; last lines of " + log + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    }
  }

  /** SIGTERM, then SIGKILL if it is still there after the exit deadline. */
  private static void stop(Process p) throws InterruptedException {
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    if (!p.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Optional<String> onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable).map(Path::toString).findFirst();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void log(String format, Object... args) {
    LOG.info(String.format(format, args));
  }
}
