package org.feedbackrouter.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.SurgePolicy;
import org.feedbackrouter.route.OwnershipFile;

/**
 * The sample ownership model (12 departments) with the surge floor raised out of reach: a
 * pre-loaded backlog arrives all at once, which would otherwise read as a surge on every topic
 * and measure alert fan-out instead of routing.
 */
final class BenchModel {
  static final int SURGE_FLOOR = 1_000_000_000;

  private final Map<String, AreaOwnership> entries;
  private final Set<String> departments;

  private BenchModel(Map<String, AreaOwnership> entries, Set<String> departments) {
    this.entries = entries;
    this.departments = departments;
  }

  static BenchModel sample() {
    OwnershipFile file = OwnershipFile.fromClasspath("/ownership/sample-ownership.yaml");
    Map<String, AreaOwnership> out = new LinkedHashMap<>();
    file.entries().forEach((topic, entry) -> out.put(topic, AreaOwnership.newBuilder(entry)
        .setSurge(new SurgePolicy(SURGE_FLOOR, entry.getSurge() == null ? 3.0 : entry.getSurge().getBaselineMultiplier()))
        .build()));
    return new BenchModel(out, new TreeSet<>(file.departments()));
  }

  Map<String, AreaOwnership> entries() {
    return entries;
  }

  Set<String> departments() {
    return departments;
  }
}
