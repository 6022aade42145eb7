package org.feedbackrouter.classify;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.feedbackrouter.classify.encoder.EncoderHead;
import org.feedbackrouter.classify.encoder.SentenceEncoder;

/**
 * Chooses the cascade's parameters on a validation split (CLINC150 val; never test): trains the
 * linear model and an encoder head on train, then scores val for each head cost, way of combining
 * the two opinions and threshold t below which the encoder is asked. Embeddings are cached in
 * target/encoder-cache. Measurement tool, not a test:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.feedbackrouter.classify.EncoderSweep \
 *   target/clinc150/train.csv target/clinc150/val.csv [MODEL.onnx TOKENIZER.json POOLING]
 * </pre>
 */
public final class EncoderSweep {

  public static void main(String[] args) throws Exception {
    List<LabeledText> train = LabeledTextCsv.read(Path.of(args[0]));
    List<LabeledText> val = LabeledTextCsv.read(Path.of(args[1]));
    SentenceEncoder encoder = args.length > 2
        ? SentenceEncoder.fromFiles(Path.of(args[2]), Path.of(args[3]), PoolingMode.valueOf(args[4]), EnumSet.of(Language.EN))
        : SentenceEncoder.bundled();
    String oos = "oos";
    TopicModel model = TopicModel.train(train, oos, ModelSettings.defaults());
    List<String> labels = model.labels();
    int oosIndex = labels.indexOf(oos);
    double[][] linear = new double[val.size()][labels.size()];
    TextAnalyzer analyzer = new TextAnalyzer();
    AnalyzedText text = model.newAnalyzedText();
    SparseVector scratch = new SparseVector();
    for (int i = 0; i < val.size(); i++) {
      text.clear();
      analyzer.analyze(val.get(i).text(), Language.EN, text);
      model.probabilities(text, scratch, linear[i]);
    }
    String tag = encoder.name().replaceAll("[^A-Za-z0-9.-]", "_");
    float[][] trainX = embeddings(encoder, train, Path.of("target/encoder-cache/" + tag + "-train.bin"));
    float[][] valX = embeddings(encoder, val, Path.of("target/encoder-cache/" + tag + "-val.bin"));
    System.out.printf(Locale.ROOT, "encoder %s, %d dimensions%n", encoder.name(), encoder.dimension());
    for (double cost : new double[] {EncoderHead.DEFAULT_COST}) {
      EncoderHead head = EncoderHead.fromEmbeddings(
          encoder.name(), trainX, train.stream().map(LabeledText::label).toList(), labels, cost, 42);
      double[][] enc = new double[val.size()][labels.size()];
      for (int i = 0; i < val.size(); i++) {
        head.probabilities(valX[i], enc[i]);
      }
      for (String combine : new String[] {"replace", "average", "max"}) {
        for (double t = 0; t <= 1.0001; t += 0.05) {
          int in = 0, inRight = 0, out = 0, outRight = 0, asked = 0;
          double[] s = new double[labels.size()];
          for (int i = 0; i < val.size(); i++) {
            double[] l = linear[i];
            boolean ask = l[argmax(l)] < t;
            asked += ask ? 1 : 0;
            for (int k = 0; k < s.length; k++) {
              s[k] = !ask ? l[k] : switch (combine) {
                case "replace" -> enc[i][k];
                case "average" -> (l[k] + enc[i][k]) / 2;
                default -> Math.max(l[k], enc[i][k]);
              };
            }
            int best = argmax(s);
            String predicted = best == oosIndex || s[best] < ClassifierSettings.BENCHMARK_THRESHOLD ? oos : labels.get(best);
            if (val.get(i).label().equals(oos)) {
              out++;
              outRight += predicted.equals(oos) ? 1 : 0;
            } else {
              in++;
              inRight += predicted.equals(val.get(i).label()) ? 1 : 0;
            }
          }
          System.out.printf(Locale.ROOT, "C=%-4s %-8s t=%.2f in_scope=%.4f oos_recall=%.4f asked=%.3f%n",
              cost, combine, t, inRight / (double) in, outRight / (double) out, asked / (double) val.size());
        }
      }
    }
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static float[][] embeddings(SentenceEncoder encoder, List<LabeledText> data, Path cache) throws IOException {
    if (Files.exists(cache)) {
      try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
        float[][] x = new float[in.readInt()][in.readInt()];
        for (float[] row : x) {
          for (int j = 0; j < row.length; j++) {
            row[j] = in.readFloat();
          }
        }
        return x;
      }
    }
    float[][] x = data.parallelStream().map(t -> encoder.embed(t.text())).toArray(float[][]::new);
    Files.createDirectories(cache.getParent());
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
      out.writeInt(x.length);
      out.writeInt(x[0].length);
      for (float[] row : x) {
        for (float v : row) {
          out.writeFloat(v);
        }
      }
    }
    return x;
  }
}
