package org.feedbackrouter.http;

import java.util.Set;
import org.feedbackrouter.access.ApiTokens;

/**
 * The HTTP API alone, for tests that need a JVM of their own (the JDK server's limits are read
 * once per JVM): prints its port, then serves until its standard input closes.
 */
public final class ApiServerMain {
  private ApiServerMain() {}

  public static void main(String[] args) throws Exception {
    try (HttpApi api = new HttpApi(0, () -> "# metrics\n", () -> true, () -> null, () -> null,
        new ApiSettings("tasks", "ownership", "cx_office", ApiTokens.none(), Set.of(), "localhost"))) {
      System.out.println("PORT " + api.port());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Serve until the test closes our input.
      }
    }
  }
}
