package org.feedbackrouter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDK server's limits as {@link HttpApi} sets them, in a JVM of their own: they are read once
 * per JVM, and other tests in this one may have started a server first. The time limits are
 * shortened on that JVM's command line (which wins over HttpApi's defaults) so the test takes
 * seconds; the header limits are HttpApi's own.
 */
class HttpServerLimitsTest {
  private static Process server;
  private static int port;

  @BeforeAll
  static void start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    server = new ProcessBuilder(List.of(java, "-Xmx64m",
        "-Dsun.net.httpserver.maxReqTime=2", "-Dsun.net.httpserver.idleInterval=2",
        "-Dsun.net.httpserver.clockTick=250", "-cp", System.getProperty("java.class.path"),
        ApiServerMain.class.getName()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("PORT ")) {
        port = Integer.parseInt(line.substring(5));
        return;
      }
    }
    throw new IllegalStateException("the API process ended before it listened");
  }

  @AfterAll
  static void stop() throws Exception {
    server.getOutputStream().close();
    if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      server.destroyForcibly();
    }
  }

  @Test
  void headersOver16KiBOrMoreThan100AreRefusedWithoutAStackTrace() throws IOException {
    assertThat(exchange("GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
    String big = "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(17 * 1024)
        + "\r\nConnection: close\r\n\r\n";
    assertRefused(exchange(big));
    StringBuilder many = new StringBuilder("GET /health/live HTTP/1.1\r\nHost: localhost\r\n");
    for (int i = 0; i < 101; i++) {
      many.append("X-H").append(i).append(": v\r\n");
    }
    assertRefused(exchange(many + "Connection: close\r\n\r\n"));
    String fits = "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(8 * 1024)
        + "\r\nConnection: close\r\n\r\n";
    assertThat(exchange(fits)).startsWith("HTTP/1.1 200");
  }

  /** A client sending its request a byte at a time is cut off once maxReqTime (2 s here) is up. */
  @Test
  void aClientTricklingItsRequestIsCutOff() throws IOException {
    try (Socket s = new Socket("localhost", port)) {
      s.setSoTimeout(200);
      OutputStream out = s.getOutputStream();
      byte[] request = "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);
      long started = System.nanoTime();
      boolean closed = false;
      for (int i = 0; i < request.length && !closed; i++) {
        try {
          out.write(request[i]);
          out.flush();
          closed = s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
          // Nothing to read yet: send the next byte.
        } catch (SocketException reset) {
          closed = true;
        }
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(closed).as("closed before the request was complete").isTrue();
      assertThat(took).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(8));
    }
  }

  /** A keep-alive connection left idle is closed once idleInterval (2 s here) has passed. */
  @Test
  void anIdleKeepAliveConnectionIsClosed() throws IOException {
    try (Socket s = new Socket("localhost", port)) {
      s.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      s.setSoTimeout(10_000);
      StringBuilder answer = new StringBuilder();
      while (!answer.toString().endsWith("{\"status\":\"UP\"}")) {
        answer.append((char) in.read());
      }
      assertThat(answer.toString()).startsWith("HTTP/1.1 200");
      long idleSince = System.nanoTime();
      int next;
      try {
        next = in.read();
      } catch (SocketException reset) {
        next = -1;
      }
      assertThat(next).as("end of stream: the server closed the connection").isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - idleSince)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(9));
    }
  }

  /** The JDK server answers 4xx, or closes the connection without answering; never a stack trace. */
  private static void assertRefused(String answer) {
    assertThat(answer).matches("(?s)HTTP/1.1 4.*|<reset>|").doesNotContain("\tat ", "Exception", "org.feedbackrouter");
  }

  private static String exchange(String request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      try {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      } catch (SocketException e) {
        // The server may answer and close before it has read everything.
      }
      try {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (SocketException reset) {
        return "<reset>";
      }
    }
  }
}
