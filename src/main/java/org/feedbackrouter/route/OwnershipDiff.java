package org.feedbackrouter.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.feedbackrouter.avro.AreaOwnership;

/** What {@code ownership apply} would change in {@code area.ownership}: added, changed and removed topics. */
public record OwnershipDiff(List<AreaOwnership> added, List<Change> changed, List<String> removed) {

  /** One changed topic with a line per changed field. */
  public record Change(AreaOwnership entry, List<String> fields) {}

  public static OwnershipDiff between(Map<String, AreaOwnership> current, Map<String, AreaOwnership> desired) {
    List<AreaOwnership> added = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(current.keySet());
    keys.addAll(desired.keySet());
    for (String key : keys) {
      AreaOwnership before = current.get(key);
      AreaOwnership after = desired.get(key);
      if (before == null) {
        added.add(after);
      } else if (after == null) {
        removed.add(key);
      } else {
        List<String> fields = changedFields(before, after);
        if (!fields.isEmpty()) {
          changed.add(new Change(after, fields));
        }
      }
    }
    return new OwnershipDiff(List.copyOf(added), List.copyOf(changed), List.copyOf(removed));
  }

  public boolean isEmpty() {
    return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
  }

  /** The diff as lines a person reads: {@code + topic}, {@code ~ topic: field: old -> new}, {@code - topic}. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    added.forEach(a -> lines.add("+ " + a.getTopicId() + ": owner " + a.getOwner() + ", supporting "
        + a.getSupporting() + ", " + a.getGovernance().name().toLowerCase(java.util.Locale.ROOT)));
    changed.forEach(c -> c.fields().forEach(f -> lines.add("~ " + c.entry().getTopicId() + ": " + f)));
    removed.forEach(r -> lines.add("- " + r));
    return lines;
  }

  private static List<String> changedFields(AreaOwnership before, AreaOwnership after) {
    List<String> out = new ArrayList<>();
    for (Schema.Field field : AreaOwnership.getClassSchema().getFields()) {
      if (field.name().equals("updatedAt")) {
        continue;
      }
      Object a = before.get(field.pos());
      Object b = after.get(field.pos());
      if (!java.util.Objects.equals(a, b)) {
        out.add(field.name() + ": " + a + " -> " + b);
      }
    }
    return out;
  }

}
