package org.feedbackrouter.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataInput;
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
 * format version, the topic ids it was trained for, the model, then the sentence encoder's head if
 * one was trained. Loading checks the topics
 * against the taxonomy in use: a model trained for other topics would send tasks to the wrong
 * departments, so it is refused with a message that says what differs.
 */
public final class ModelFile {

  private static final int MAGIC = 0x46524d31; // "FRM1"
  private static final int VERSION = 2;

  private ModelFile() {}

  /**
   * A model read from a file.
   *
   * @param encoderHead the sentence encoder's head as written by its {@code write}, or null: read
   *     only when the encoder is on, since reading it needs the encoder itself
   */
  public record Saved(TopicModel model, byte[] encoderHead) {}

  /** Something that writes itself to a stream, such as an encoder head. */
  public interface Part {
    void write(DataOutput out) throws IOException;
  }

  /** Writes the model and, if not null, the encoder's head; the taxonomy's topic ids go in the header. */
  public static void write(Path file, Taxonomy taxonomy, TopicModel model, Part encoderHeadOrNull)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // Not createTempFile: its owner-only permissions would keep a service running as another user out.
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream os = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)));
        DataOutputStream out = new DataOutputStream(os)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(taxonomy.topics().size());
      for (TaxonomyTopic t : taxonomy.topics()) {
        out.writeUTF(t.id());
      }
      model.write(out);
      if (encoderHeadOrNull == null) {
        out.writeInt(0);
      } else {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        encoderHeadOrNull.write(new DataOutputStream(head));
        out.writeInt(head.size());
        head.writeTo(out);
      }
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
  public static Saved read(Path file, Taxonomy taxonomy) throws IOException {
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
        TopicModel model = TopicModel.read(in);
        int headSize = in.readInt();
        if (headSize < 0 || headSize > 1 << 30) {
          throw new IOException("encoder head of " + headSize + " bytes");
        }
        byte[] head = headSize == 0 ? null : in.readNBytes(headSize);
        if (head != null && head.length != headSize) {
          throw new IOException("truncated encoder head");
        }
        return new Saved(model, head);
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

  /** Float arrays as the model file stores them: a length, then the values. */
  static void writeFloats(DataOutput out, float[] v) throws IOException {
    out.writeInt(v.length);
    for (float f : v) {
      out.writeFloat(f);
    }
  }

  static float[] readFloats(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 500_000_000) {
      throw new IOException("corrupt model: array of " + n);
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.readFloat();
    }
    return v;
  }
}
