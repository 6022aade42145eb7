package org.feedbackrouter.route;

import java.util.Collection;

/**
 * Makes sure a department's task and alert topics exist before anything is written to them.
 * Clusters whose operators create topics switch creation off and get {@link #NONE}.
 */
public interface DepartmentTopics {
  DepartmentTopics NONE = departments -> {};

  void ensure(Collection<String> departments);
}
