package org.feedbackrouter.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The stable name of one instance, from which its static group membership
 * ({@code group.instance.id}) is derived: the same after a restart, so the restarted process takes
 * its partitions back at once instead of waiting for the dead member's session to expire, and
 * different for every instance that runs beside it. Unless configured, it is the host name plus a
 * digest of the state directory: two instances on one host cannot share a state directory, and a
 * restarted one finds its own.
 */
public final class InstanceName {
  private InstanceName() {}

  public static String derive(String configured, String hostName, Path stateDir) {
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    String host = hostName == null || hostName.isBlank() ? "host" : hostName;
    String digest;
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(stateDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      digest = HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
    return host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-") + "-" + digest;
  }
}
