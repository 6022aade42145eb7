package org.feedbackrouter.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.feedbackrouter.topology.Topics;

/**
 * The broker ACLs that confine each department to its own topics: it reads {@code tasks.<d>} and
 * {@code alerts.<d>}, writes {@code task.events}, and uses consumer groups named {@code <d>-...}.
 * Nothing else, so a department cannot read another's tasks or alerts. A pure function of the
 * departments, the topic prefix and the principal prefix.
 */
public final class DepartmentAcls {
  /** Separates a department's name from the rest of its consumer group ids ({@code finance-tasks}). */
  public static final String GROUP_SEPARATOR = "-";

  private DepartmentAcls() {}

  /** Every department's bindings, in the order given. */
  public static List<AclBinding> of(Collection<String> departments, String principalPrefix, String topicPrefix) {
    List<AclBinding> out = new ArrayList<>();
    departments.forEach(d -> out.addAll(of(d, principalPrefix + d, topicPrefix)));
    return out;
  }

  /** One department's bindings for {@code principal} (e.g. {@code User:finance}). */
  public static List<AclBinding> of(String department, String principal, String topicPrefix) {
    List<AclBinding> out = new ArrayList<>();
    for (String topic : List.of(topicPrefix + Topics.TASKS + department, topicPrefix + Topics.ALERTS + department)) {
      // DESCRIBE is implied by READ and WRITE; it is listed so that the printed set says it.
      out.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
      out.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
    }
    String events = topicPrefix + "task.events";
    out.add(allow(principal, ResourceType.TOPIC, events, PatternType.LITERAL, AclOperation.WRITE));
    out.add(allow(principal, ResourceType.TOPIC, events, PatternType.LITERAL, AclOperation.DESCRIBE));
    out.add(allow(principal, ResourceType.GROUP, department + GROUP_SEPARATOR, PatternType.PREFIXED, AclOperation.READ));
    return out;
  }

  static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }

  /**
   * One readable line, e.g. {@code User:finance  READ  TOPIC tasks.finance} or, for a prefix,
   * {@code GROUP finance-*}.
   */
  public static String line(AclBinding binding) {
    ResourcePattern p = binding.pattern();
    AccessControlEntry e = binding.entry();
    String name = p.patternType() == PatternType.PREFIXED ? p.name() + "* (prefix)" : p.name();
    return String.format("%s %s %s %s %s", e.permissionType(), e.principal(), e.operation(), p.resourceType(), name);
  }
}
