package org.feedbackrouter.access;

/**
 * Who is calling the API: a department, or one that sees every department's tasks (the admin
 * token and the fallback department, which dispatches and observes everything).
 */
public record Caller(String department, boolean seesAll) {

  /** Whether this caller may read and act on a task or list of {@code taskDepartment}. */
  public boolean mayAccess(String taskDepartment) {
    return seesAll || department.equals(taskDepartment);
  }
}
