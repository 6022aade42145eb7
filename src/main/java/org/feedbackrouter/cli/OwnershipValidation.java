package org.feedbackrouter.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.feedbackrouter.classify.Taxonomy;
import org.feedbackrouter.classify.TaxonomyException;
import org.feedbackrouter.route.InvalidOwnershipException;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipTopicCheck;

/**
 * An ownership file checked offline: its own rules, then its topic ids against the taxonomy the
 * service classifies with. Either {@code file} is set and {@code problems} is empty, or not.
 */
record OwnershipValidation(OwnershipFile file, List<String> problems) {

  /** @param taxonomyFile the taxonomy YAML; empty means the bundled default taxonomy */
  static OwnershipValidation of(Path ownershipFile, Optional<Path> taxonomyFile) {
    OwnershipFile ownership;
    try {
      ownership = OwnershipFile.load(ownershipFile);
    } catch (InvalidOwnershipException e) {
      return new OwnershipValidation(null, e.errors());
    }
    Taxonomy taxonomy;
    try {
      taxonomy = taxonomyFile.map(Taxonomy::load).orElseGet(Taxonomy::defaults);
    } catch (TaxonomyException e) {
      List<String> problems = new ArrayList<>();
      e.errors().forEach(p -> problems.add(taxonomyFile.get() + ": " + p));
      return new OwnershipValidation(null, problems);
    } catch (UncheckedIOException e) {
      return new OwnershipValidation(null, List.of(taxonomyFile.get() + ": cannot read the taxonomy: "
          + (e.getCause() instanceof java.nio.file.NoSuchFileException ? "not found" : e.getCause().getMessage())));
    }
    List<String> unknown = OwnershipTopicCheck.problems(ownership.entries().keySet(), taxonomy.topicIds());
    if (!unknown.isEmpty()) {
      return new OwnershipValidation(null, unknown.stream().map(p -> ownershipFile + ": " + p).toList());
    }
    return new OwnershipValidation(ownership, List.of());
  }

  boolean valid() {
    return problems.isEmpty();
  }

  /** {@code FILE: valid, 12 topics, 9 departments}. */
  String summary(Path path) {
    return path + ": valid, " + (file.entries().size() - 1) + " topics, " + file.departments().size() + " departments";
  }
}
