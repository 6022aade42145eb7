package org.feedbackrouter.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained topic model saved as a file, so that {@code run} and {@code classify} start without
 * training and every instance scores with the same weights. Gzipped binary: a magic word, a
 * format version, the topic ids it was trained for, then the model. Loading checks the topics
 * against the taxonomy in use: a model trained for other topics would send tasks to the wrong
 * departments, so it is refused with a message that says what differs.
 */
public final class ModelFile {

  private static final int MAGIC = 0x46524d31; // "FRM1"
  private static final int VERSION = 1;

  private ModelFile() {}

  /** Writes the model; the taxonomy's topic ids go in the header. */
  public static void write(Path file, Taxonomy taxonomy, TopicModel model) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try (OutputStream os = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)));
        DataOutputStream out = new DataOutputStream(os)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(taxonomy.topics().size());
      for (TaxonomyTopic t : taxonomy.topics()) {
        out.writeUTF(t.id());
      }
      model.write(out);
    }
    // A reader never sees half a file.
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a model saved by {@link #write} and checks it against the taxonomy.
   *
   * @throws IllegalArgumentException not a model file, another format version, or other topics
   */
  public static TopicModel read(Path file, Taxonomy taxonomy) throws IOException {
    try (InputStream is = Files.newInputStream(file)) {
      DataInputStream in;
      try {
        in = new DataInputStream(new GZIPInputStream(new BufferedInputStream(is)));
        if (in.readInt() != MAGIC) {
          throw new IOException("bad magic");
        }
      } catch (IOException e) {
        throw new IllegalArgumentException(file + ": not a feedback-router model file (save one with 'taxonomy train')");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException(file + ": model format " + version + ", this version reads " + VERSION
            + ": train it again with 'taxonomy train'");
      }
      int n = in.readInt();
      Set<String> trainedFor = new LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        trainedFor.add(in.readUTF());
      }
      checkTopics(file, trainedFor, taxonomy);
      try {
        return TopicModel.read(in);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(file + ": damaged model file (" + e.getMessage() + ")");
      }
    }
  }

  private static void checkTopics(Path file, Set<String> trainedFor, Taxonomy taxonomy) {
    Set<String> have = taxonomy.topicIds();
    if (trainedFor.equals(have)) {
      return;
    }
    List<String> missing = have.stream().filter(t -> !trainedFor.contains(t)).toList();
    List<String> extra = trainedFor.stream().filter(t -> !have.contains(t)).toList();
    throw new IllegalArgumentException(file + ": the model was trained for another taxonomy"
        + (missing.isEmpty() ? "" : "; the taxonomy has topics the model lacks: " + missing)
        + (extra.isEmpty() ? "" : "; the model has topics the taxonomy lacks: " + extra)
        + ": train it again with 'taxonomy train'");
  }
}
