package org.feedbackrouter.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest, so it is never written twice. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"feedback-router " + (version == null ? "(development build)" : version)};
  }
}
