package org.feedbackrouter.route;

/**
 * Whether a department's task and alert topics exist, answered without blocking: the stream
 * threads ask it for every record bound to a department topic, and hold the record while the
 * answer is no. Something outside the stream threads learns the answer (and creates the topics
 * when the service may); asking about a department is also how it learns that one is wanted.
 */
public interface DepartmentTopics {
  /** Every department's topics exist: for tests, and for clusters whose topics are all pre-created. */
  DepartmentTopics ALL = department -> true;

  /** True when {@code tasks.<department>} and {@code alerts.<department>} are known to exist. */
  boolean ready(String department);
}
