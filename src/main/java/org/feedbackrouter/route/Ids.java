package org.feedbackrouter.route;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic ids: a replay of the same input yields the same task or alert, never a second one. */
public final class Ids {
  private Ids() {}

  public static String task(String feedbackId, String department) {
    return uuid("task", feedbackId, department);
  }

  public static String alert(String... parts) {
    return uuid(prepend("alert", parts));
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static String uuid(String... parts) {
    // A unit separator cannot occur in ids, so ("a:b", "c") and ("a", "b:c") stay distinct.
    return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
