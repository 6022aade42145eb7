package org.feedbackrouter.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Main run} in a JVM of its own, on the test JVM's class path, so that a test can kill it with SIGKILL as an
 * operator's {@code kill -9} would: no shutdown hook, no LeaveGroup, transactions left open. Its output goes to a log
 * file; each start appends to it.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Map<String, String> env;
  private final Path logFile;
  private final int httpPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;
  private int starts;

  /**
   * @param env the service's settings as environment variables ({@code KAFKA_*}, {@code FEEDBACK_*}, ...); the HTTP
   *            port is chosen here and added as {@code FEEDBACK_HTTP_PORT}, the same across restarts
   */
  public ServiceProcess(Map<String, String> env, Path logFile) {
    this.httpPort = ApicurioRegistry.freeLoopbackPort();
    this.env = Map.copyOf(env);
    this.logFile = logFile;
  }

  /** Starts the service; it is not ready yet when this returns (see {@link #ready()}). */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running as pid " + process.pid());
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // Failsafe sets java.class.path to the test class path (target/classes, test classes, dependencies).
    List<String> command = List.of(java.toString(), "-Xmx768m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "org.feedbackrouter.cli.Main", "run");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(env);
    builder.environment().put("FEEDBACK_HTTP_PORT", Integer.toString(httpPort));
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Files.writeString(logFile, "=== start " + (++starts) + " ===\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the service", e);
    }
    LOG.info("Service started as pid {} (start {}, log {})", process.pid(), starts, logFile);
  }

  /** SIGKILL, as {@code kill -9}; waits until the process is gone. */
  public synchronized void kill() {
    Process dying = process;
    dying.destroyForcibly();
    try {
      if (!dying.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("pid " + dying.pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("Service pid {} killed (exit {})", dying.pid(), dying.exitValue());
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** How many times {@link #start()} ran. */
  public synchronized int starts() {
    return starts;
  }

  /** {@code GET /health/ready} answered 200; false while the process starts, is not ready, or is dead. */
  public boolean ready() {
    return status("/health/ready") == 200;
  }

  /** The status of a {@code GET} on the service's HTTP port, or -1 when nothing answered. */
  public int status(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(3)).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException notAnswering) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** SIGTERM, so the service commits and leaves the group; SIGKILL if it takes longer than a minute. */
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Service pid {} ignored SIGTERM for {}; killing it", process.pid(), STOP_TIMEOUT);
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
