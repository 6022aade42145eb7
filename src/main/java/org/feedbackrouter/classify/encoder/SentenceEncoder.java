package org.feedbackrouter.classify.encoder;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.feedbackrouter.classify.Language;

/**
 * A pretrained sentence encoder: text in, a unit-length vector out, computed in-process by ONNX
 * Runtime through LangChain4j. Either the English model bundled in the jar ({@link #bundled()}) or a
 * BERT-style model the user supplies as files ({@link #fromFiles}), e.g. a multilingual one.
 *
 * <p>Runs on the calling thread with ONE intra-op thread: LangChain4j's own constructors create
 * the ONNX session with Runtime defaults (a thread pool as large as the machine) and hand batches
 * to an executor. Here the session is created with {@link OrtSession.SessionOptions} and given to
 * LangChain4j's public {@link OnnxBertBiEncoder} constructor, so a Kafka Streams thread that embeds
 * a text spends its own CPU and no other thread's. Thread-safe: ONNX Runtime sessions and the
 * Hugging Face tokenizer may be called from several threads at once.
 */
public final class SentenceEncoder implements AutoCloseable {

  /** The bundled model's name, as written into a trained head. */
  public static final String BUNDLED_NAME = "all-minilm-l6-v2-q";

  private static final String BUNDLED_MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String BUNDLED_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
  private static final PoolingMode BUNDLED_POOLING = PoolingMode.MEAN;

  private final String name;
  private final Set<Language> languages;
  private final OrtSession session;
  private final Runner runner;
  private final int dimension;
  private final LongAdder embedded = new LongAdder();

  private SentenceEncoder(String name, Set<Language> languages, OrtSession session, InputStream tokenizer,
      PoolingMode pooling) {
    this.name = name;
    this.languages = Set.copyOf(languages);
    this.session = session;
    this.runner = new Runner(new OnnxBertBiEncoder(OrtEnvironment.getEnvironment(), session, tokenizer, pooling));
    removeRuntimeTempDirectory();
    this.dimension = runner.vector("dimension").length;
  }

  /** The English model shipped in the jar ({@value #BUNDLED_NAME}, 384 dimensions, mean pooling). */
  public static SentenceEncoder bundled() {
    return bundled(EnumSet.of(Language.EN));
  }

  /** The bundled model, for texts in these languages. */
  public static SentenceEncoder bundled(Set<Language> languages) {
    try (InputStream model = resource(BUNDLED_MODEL);
        InputStream tokenizer = resource(BUNDLED_TOKENIZER)) {
      OrtSession session;
      try (OrtSession.SessionOptions options = options()) {
        session = OrtEnvironment.getEnvironment().createSession(model.readAllBytes(), options);
      }
      return new SentenceEncoder(BUNDLED_NAME, languages, session, tokenizer, BUNDLED_POOLING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled encoder", e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the bundled encoder: " + e.getMessage(), e);
    }
  }

  /**
   * A model the user supplies: an ONNX export of a BERT-style encoder (inputs {@code input_ids},
   * {@code attention_mask} and optionally {@code token_type_ids}; output the token embeddings) and
   * its Hugging Face {@code tokenizer.json}.
   *
   * @param languages the languages the model was trained for; texts in others skip the encoder
   */
  public static SentenceEncoder fromFiles(Path model, Path tokenizer, PoolingMode pooling, Set<Language> languages) {
    Objects.requireNonNull(pooling, "pooling");
    for (Path p : new Path[] {model, tokenizer}) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("encoder file " + p + " does not exist or is not a file");
      }
    }
    try (InputStream tok = Files.newInputStream(tokenizer)) {
      OrtSession session;
      try (OrtSession.SessionOptions options = options()) {
        session = OrtEnvironment.getEnvironment().createSession(model.toString(), options);
      }
      // The file's name and size and the pooling identify the model to a saved head cheaply; a
      // digest of a 100+ MB file would add a second to every start.
      String name = String.format(Locale.ROOT, "file:%s:%d:%s",
          model.getFileName(), Files.size(model), pooling.name().toLowerCase(Locale.ROOT));
      return new SentenceEncoder(name, languages, session, tok, pooling);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read encoder files " + model + ", " + tokenizer, e);
    } catch (OrtException | RuntimeException e) {
      throw new IllegalArgumentException("cannot load encoder " + model + " with tokenizer " + tokenizer + ": "
          + e.getMessage(), e);
    }
  }

  /** One intra-op thread and sequential execution: the caller's thread does all the work. */
  private static OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    return options;
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " not on the classpath");
    }
    return in;
  }

  /** Identifies the model: {@value #BUNDLED_NAME}, or the file's name, size and pooling. */
  public String name() {
    return name;
  }

  public int dimension() {
    return dimension;
  }

  /** Whether texts in this language go to the encoder. */
  public boolean speaks(Language language) {
    return languages.contains(language);
  }

  public Set<Language> languages() {
    return languages;
  }

  /** The text's unit-length embedding; {@link #dimension()} floats. */
  public float[] embed(String text) {
    embedded.increment();
    return runner.vector(text == null || text.isBlank() ? "." : text);
  }

  /** How many texts {@link #embed} was called for. */
  public long embedded() {
    return embedded.sum();
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }

  /** LangChain4j's in-process model around our session; single texts are embedded on the caller. */
  private static final class Runner extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Runner(OnnxBertBiEncoder encoder) {
      super(Runnable::run);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    float[] vector(String text) {
      // One segment: LangChain4j embeds it on this thread, without the executor.
      return embedAll(java.util.List.of(TextSegment.from(text))).content().get(0).vector();
    }
  }

  /**
   * ONNX Runtime extracts its native libraries into a new {@code onnxruntime-java*} directory under
   * {@code java.io.tmpdir} and asks for them to be deleted at exit, which leaves the directory itself
   * behind on every run. Once loaded, the libraries can go (POSIX keeps a loaded file until it is
   * unmapped), and the directory with them. It is private to ONNX Runtime, hence reflection; any
   * failure (another version, Windows' locked files) only leaves it as it was.
   */
  private static void removeRuntimeTempDirectory() {
    try {
      java.lang.reflect.Field f = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
      f.setAccessible(true);
      if (f.get(null) instanceof Path dir) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
          for (Path file : files.toList()) {
            java.nio.file.Files.deleteIfExists(file);
          }
        }
        java.nio.file.Files.deleteIfExists(dir);
      }
    } catch (ReflectiveOperationException | IOException | RuntimeException e) {
      // Not empty, already gone, or another ONNX Runtime version: nothing to do.
    }
  }
}
