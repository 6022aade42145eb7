package org.feedbackrouter.topology;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.feedbackrouter.route.DepartmentTopics;

/**
 * What {@link DepartmentTopicWatcher} has seen on the broker, shared with the stream threads: they
 * read it in a set lookup, and every department they ask about that is not ready yet is noted as
 * wanted, so the watcher creates its topics or looks for them on its next pass.
 */
public final class KnownDepartmentTopics implements DepartmentTopics {
  private final Set<String> ready = ConcurrentHashMap.newKeySet();
  private final Set<String> wanted = ConcurrentHashMap.newKeySet();

  @Override
  public boolean ready(String department) {
    if (ready.contains(department)) {
      return true;
    }
    wanted.add(department);
    return false;
  }

  void markReady(Collection<String> departments) {
    ready.addAll(departments);
    wanted.removeAll(departments);
  }

  /** Departments asked about and not ready yet. */
  Set<String> wanted() {
    return new TreeSet<>(wanted);
  }

  boolean isReady(String department) {
    return ready.contains(department);
  }
}
