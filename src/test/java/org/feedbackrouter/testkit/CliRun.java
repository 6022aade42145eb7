package org.feedbackrouter.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.feedbackrouter.cli.Main;
import picocli.CommandLine;

/** One execution of the command line in the test JVM, with what it printed. */
public record CliRun(int exit, String out, String err) {

  /** Runs the arguments as given. */
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** Runs the arguments against the shared broker and registry, every topic behind the prefix. */
  public static CliRun against(RealServices services, String prefix, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-servers", services.bootstrapServers(), "--registry-url",
        services.registryUrl(), "--topic-prefix", prefix));
    return of(all.toArray(String[]::new));
  }
}
