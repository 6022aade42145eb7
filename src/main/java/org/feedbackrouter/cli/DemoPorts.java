package org.feedbackrouter.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's fixed ports, checked before anything starts: a taken port is said in one line naming the option
 * that changes it, instead of a broker stack trace a minute later.
 */
final class DemoPorts {
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final boolean checkTaken;

  /** @param checkTaken whether a port in use is a problem, or only one out of range */
  DemoPorts(boolean checkTaken) {
    this.checkTaken = checkTaken;
  }

  /** Adds a port to check under the option that sets it; 0 (any free port) is never taken. */
  DemoPorts with(String option, int port) {
    ports.put(option, port);
    return this;
  }

  /** The first option out of range or whose port is taken on 127.0.0.1, said in one line, or null. */
  String problem() {
    for (Map.Entry<String, Integer> entry : ports.entrySet()) {
      String line = problem(entry.getKey(), entry.getValue(), checkTaken);
      if (line != null) {
        return line;
      }
    }
    return null;
  }

  static String problem(String option, int port, boolean checkTaken) {
    if (port < 0 || port > 65535) {
      return option + ": must be 0 to 65535, was " + port;
    }
    if (checkTaken && port != 0 && taken(port)) {
      return option + ": port " + port + " on 127.0.0.1 is in use (another demo?); choose another with "
          + option + " PORT, or " + option + " 0 for a free one";
    }
    return null;
  }

  private static boolean taken(int port) {
    // Bound as the servers bind (SO_REUSEADDR, the JDK's default on Unix), so closed connections in TIME_WAIT
    // from a previous run do not count as taken.
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
