package org.feedbackrouter.route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds ownership entries for topic ids the taxonomy does not have. Such an entry never matches:
 * feedback on the intended topic silently falls to the default owner, so a typo must be caught
 * before publishing, with the id that was probably meant.
 */
public final class OwnershipTopicCheck {
  private OwnershipTopicCheck() {}

  /** One problem per unknown topic id, as {@code topics.<id>: ...}, in the file's order. */
  public static List<String> problems(Collection<String> ownershipTopicIds, Set<String> taxonomyTopicIds) {
    List<String> out = new ArrayList<>();
    for (String id : ownershipTopicIds) {
      if (id.equals(OwnershipTable.DEFAULTS_KEY) || taxonomyTopicIds.contains(id)) {
        continue;
      }
      String message = "topics." + id + ": '" + id + "' is not a topic of the taxonomy";
      out.add(closest(id, taxonomyTopicIds).map(s -> message + " (did you mean '" + s + "'?)").orElse(message));
    }
    return out;
  }

  /** The nearest id within a third of the word's length in edits, or none when nothing is that close. */
  static Optional<String> closest(String id, Set<String> candidates) {
    int limit = Math.max(2, id.length() / 3);
    return candidates.stream()
        .filter(c -> editDistance(id, c) <= limit)
        .min(Comparator.comparingInt((String c) -> editDistance(id, c)).thenComparing(c -> c));
  }

  /** Levenshtein distance (insertions, deletions, substitutions), two rows. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
