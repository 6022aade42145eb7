package org.feedbackrouter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.feedbackrouter.access.DepartmentAcls;
import org.feedbackrouter.access.ServiceAcls;
import org.feedbackrouter.config.FeedbackConfig;
import org.feedbackrouter.config.KafkaClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownership acls FILE}: the broker ACLs that keep each department to its own topics. */
@Command(name = "acls", mixinStandardHelpOptions = true,
    description = {
        "Print, or with --apply create, the broker ACLs for every department in an ownership file:"
            + " <prefix><d> reads tasks.<d> and alerts.<d>, writes task.events and uses consumer groups"
            + " <d>-*; and the least the service's own principal needs (from FEEDBACK_TOPIC_PREFIX,"
            + " FEEDBACK_APPLICATION_ID, FEEDBACK_TOPICS_CREATE and FEEDBACK_NOTIFY_FILE).",
        "--apply creates only the missing ones through the admin API (run it as an admin principal);"
            + " running it again changes nothing.",
        "Exit codes: 0 printed or applied, 1 invalid file or failure, 2 bad settings."})
final class OwnershipAclsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Ownership YAML file.")
  Path file;

  @Option(names = "--principal-prefix", paramLabel = "PREFIX", defaultValue = "User:",
      description = "Put before a department's name to make its principal (default: ${DEFAULT-VALUE}).")
  String principalPrefix;

  @Option(names = "--service-principal", paramLabel = "PRINCIPAL", defaultValue = "User:feedback-router",
      description = "The principal the service runs as (default: ${DEFAULT-VALUE}).")
  String servicePrincipal;

  @Option(names = "--apply", description = "Create the missing ACLs on the cluster instead of printing them.")
  boolean apply;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> env = new HashMap<>(System.getenv());
    if (!apply) {
      // Printing connects to nothing, so it needs no broker or registry address.
      env.putIfAbsent("KAFKA_BOOTSTRAP_SERVERS", "unused:9092");
      env.putIfAbsent("SCHEMA_REGISTRY_URL", "mock://acls");
    }
    FeedbackConfig config = connection.load(env);
    OwnershipValidation validation = OwnershipValidation.of(file, config.taxonomyFile());
    if (!validation.valid()) {
      validation.problems().forEach(err::println);
      err.println(validation.problems().size() + " problem(s); no ACL was " + (apply ? "created." : "printed."));
      err.flush();
      return 1;
    }
    Set<String> departments = new TreeSet<>(validation.file().departments());
    departments.add(config.fallbackDepartment());
    List<AclBinding> acls = new ArrayList<>(DepartmentAcls.of(departments, principalPrefix, config.topicPrefix()));
    acls.addAll(ServiceAcls.of(servicePrincipal, new ServiceAcls.Scope(config.topicPrefix(), config.applicationId(),
        config.createTopics(), config.notifyFile().isPresent())));
    if (!apply) {
      acls.forEach(acl -> out.println(DepartmentAcls.line(acl)));
      out.printf("%d ACLs for %d departments and the service (--apply creates them)%n", acls.size(),
          departments.size());
      out.flush();
      return 0;
    }
    try (Admin admin = Admin.create(KafkaClients.config(config))) {
      Optional<String> unreachable = OwnershipCommand.unreachable(admin, config.bootstrapServers());
      if (unreachable.isPresent()) {
        err.println(unreachable.get() + "; no ACL was created.");
        err.flush();
        return 1;
      }
      Set<AclBinding> present = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values()
          .get(30, TimeUnit.SECONDS));
      List<AclBinding> missing = acls.stream().filter(acl -> !present.contains(acl)).toList();
      if (!missing.isEmpty()) {
        admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
      }
      missing.forEach(acl -> out.println("+ " + DepartmentAcls.line(acl)));
      out.printf("%d ACLs created, %d already present%n", missing.size(), acls.size() - missing.size());
    }
    out.flush();
    return 0;
  }
}
