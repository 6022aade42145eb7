package org.feedbackrouter.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry 2.6 running as a child process on a fixed loopback port, with its storage in an H2 file
 * so that schemas survive {@link #stop()} and {@link #start()}.
 */
public final class ApicurioRegistry implements AutoCloseable {

  /** Set by Failsafe (see pom.xml) to the directory the build unpacked the registry into. */
  public static final String DIR_PROPERTY = "apicurio.dir";
  public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

  private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);
  private static final String RUNNER_JAR_GLOB = "apicurio-registry-app-*-runner.jar";
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

  private final Path runnerJar;
  private final Path logFile;
  private final Path storageDir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Thread shutdownHook = new Thread(this::destroyOnJvmExit, "apicurio-registry-shutdown");
  // Volatile so the shutdown hook reads it without waiting for a start() in progress to release the lock.
  private volatile Process process;
  private boolean paused;

  private ApicurioRegistry(Path runnerJar, Path logFile, Path storageDir, int port) {
    this.runnerJar = runnerJar;
    this.logFile = logFile;
    this.storageDir = storageDir;
    this.port = port;
  }

  /**
   * Starts the registry unpacked in {@code -Dapicurio.dir}, logging to {@code apicurio.log} beside that directory.
   *
   * @throws IllegalStateException with how to fix it when the property is unset or the registry is not unpacked
   */
  public static ApicurioRegistry launchFromBuild() {
    Path runnerJar = runnerJarFromBuild();
    // The install dir is target/apicurio; the log and the storage go beside it, inside target.
    Path buildDir = Path.of(System.getProperty(DIR_PROPERTY)).toAbsolutePath().getParent();
    return launch(runnerJar, buildDir.resolve("apicurio.log"), buildDir);
  }

  /**
   * The registry's runner jar under {@code -Dapicurio.dir}.
   *
   * @throws IllegalStateException with how to fix it when the property is unset or the registry is not unpacked
   */
  public static Path runnerJarFromBuild() {
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      throw new IllegalStateException("System property " + DIR_PROPERTY + " is not set. Integration tests need the "
          + "Apicurio registry that Maven unpacks in pre-integration-test: run them with `mvn verify` "
          + "(one test: mvn -B verify -Dit.test=SomeIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false).");
    }
    Path installDir = Path.of(dir).toAbsolutePath();
    return findRunnerJar(installDir).orElseThrow(() -> new IllegalStateException("No " + RUNNER_JAR_GLOB
        + " under " + installDir + ". Run the integration tests with `mvn verify`, which unpacks "
        + "io.apicurio:apicurio-registry-app:zip:all there in pre-integration-test."));
  }

  /** Starts a registry from {@code runnerJar} on a free loopback port, with storage in a new directory under {@code workDir}. */
  public static ApicurioRegistry launch(Path runnerJar, Path logFile, Path workDir) {
    Path storageDir;
    try {
      Files.createDirectories(workDir);
      storageDir = Files.createTempDirectory(workDir, "apicurio-h2-");
      Files.deleteIfExists(logFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ApicurioRegistry registry = new ApicurioRegistry(runnerJar, logFile, storageDir, freeLoopbackPort());
    Runtime.getRuntime().addShutdownHook(registry.shutdownHook);
    try {
      registry.start();
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    return registry;
  }

  public int port() {
    return port;
  }

  /** The Confluent-compatible API; the same across restarts. */
  public String url() {
    return "http://127.0.0.1:" + port + CCOMPAT_PATH;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the registry on its port and waits until it answers; does nothing if it is running. */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    long startedAt = System.nanoTime();
    process = spawn();
    Process current = process;
    try {
      await("Apicurio registry answering on " + url())
          .atMost(STARTUP_TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .pollInSameThread()
          .until(() -> {
            if (!current.isAlive()) {
              throw new IllegalStateException("Apicurio registry exited with code " + current.exitValue());
            }
            return answers();
          });
    } catch (ConditionTimeoutException | IllegalStateException e) {
      stop();
      throw new IllegalStateException("Apicurio registry did not start on port " + port + "; log " + logFile
          + " ends with:\n" + logTail(), e);
    }
    LOG.info("Apicurio registry ready at {} in {} ms (pid {}, log {})", url(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), current.pid(), logFile);
  }

  /**
   * SIGSTOP: the registry keeps its port, and the kernel still accepts connections, but nothing answers, as with a
   * hung registry. {@link #resume()} (SIGCONT) lets it go on.
   */
  public synchronized void pause() {
    signal("-STOP");
    paused = true;
  }

  public synchronized void resume() {
    signal("-CONT");
    paused = false;
  }

  public synchronized boolean isPaused() {
    return paused;
  }

  private void signal(String signal) {
    if (!isRunning()) {
      throw new IllegalStateException("The registry is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    LOG.info("Apicurio registry (pid {}) sent SIG{}", process.pid(), signal.substring(1));
  }

  /** Stops the registry gracefully (SIGTERM, so H2 closes its file), killing it if that takes too long. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    if (paused) {
      resume();
    }
    Process stopping = process;
    process = null;
    terminate(stopping, STOP_TIMEOUT);
    LOG.info("Apicurio registry on port {} stopped (exit code {})", port, stopping.isAlive() ? "none" : stopping.exitValue());
  }

  /** Stops the registry and deletes its storage. */
  @Override
  public synchronized void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException jvmAlreadyExiting) {
      // The hook is running or about to run; it finds no process to stop.
    }
    deleteRecursively(storageDir);
  }

  private Process spawn() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(
        java.toString(),
        "-Xmx512m",
        // A registry used by tests handles few requests: C1 alone and the serial collector start it ~3x faster on 2 cores.
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.http.port=" + port,
        // The default is in-memory H2; a file keeps the schemas across stop() and start().
        "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + storageDir.resolve("registry").toAbsolutePath(),
        // Vert.x would otherwise leave a cache directory in /tmp.
        "-Dvertx.cacheDirBase=" + storageDir.resolve("vertx-cache").toAbsolutePath(),
        "-jar",
        runnerJar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(storageDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + String.join(" ", command), e);
    }
  }

  private boolean answers() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/subjects"))
        .timeout(Duration.ofSeconds(2))
        .GET()
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notListeningYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void destroyOnJvmExit() {
    Process running = process;
    if (running != null) {
      terminate(running, Duration.ofSeconds(5));
    }
  }

  private static void terminate(Process process, Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Apicurio registry (pid {}) ignored SIGTERM for {}; killing it", process.pid(), grace);
        process.destroyForcibly().waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private static Optional<Path> findRunnerJar(Path installDir) {
    if (!Files.isDirectory(installDir)) {
      return Optional.empty();
    }
    var matcher = installDir.getFileSystem().getPathMatcher("glob:" + RUNNER_JAR_GLOB);
    try (Stream<Path> paths = Files.walk(installDir, 3)) {
      return paths.filter(path -> matcher.matches(path.getFileName())).findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loopback port nothing listens on right now. */
  static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free loopback port", e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try {
      Utils.delete(directory.toFile());
    } catch (IOException e) {
      LOG.warn("Could not delete {}", directory, e);
    }
  }
}
