package org.feedbackrouter.route;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/** Deterministic ids: a replay of the same input yields the same task or alert, never a second one. */
public final class Ids {
  private Ids() {}

  /**
   * A task id that Kafka's default partitioner (murmur2 of the key bytes) sends to
   * {@code partition} of {@code partitions}. The task's state then lives in the stream task that
   * created it, and departments' events keyed by the id reach that same task, with no internal
   * topic in between. The id is the name-based UUID of (source, department) with its lowest bits
   * varied until it lands; with one partition it is the plain name-based UUID.
   */
  public static String task(String source, String department, int partition, int partitions) {
    UUID base = UUID.nameUUIDFromBytes(join("task", source, department).getBytes(StandardCharsets.UTF_8));
    // The node field's low 16 bits leave the version and variant bits alone.
    for (long salt = 0; salt <= 0xFFFF; salt++) {
      String id = new UUID(base.getMostSignificantBits(), base.getLeastSignificantBits() ^ salt).toString();
      if (partitionOf(id, partitions) == partition) {
        return id;
      }
    }
    throw new IllegalArgumentException("no task id for partition " + partition + " of " + partitions);
  }

  /** The partition Kafka's default partitioner picks for this key. */
  public static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  public static String alert(String... parts) {
    return UUID.nameUUIDFromBytes(join(prepend("alert", parts)).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static String join(String... parts) {
    // A unit separator cannot occur in ids, so ("a:b", "c") and ("a", "b:c") stay distinct.
    return String.join("\u001f", parts);
  }
}
