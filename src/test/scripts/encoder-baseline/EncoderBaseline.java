import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.feedbackrouter.classify.LabeledText;
import org.feedbackrouter.classify.LabeledTextCsv;

/**
 * What a pretrained sentence encoder would give on CLINC150, and what it would cost: the quantized
 * all-MiniLM-L6-v2 (ONNX Runtime, through LangChain4j, from Maven Central) embeds every text, and a
 * logistic regression (LIBLINEAR) is trained on the embeddings of train; C and the rejection
 * threshold are chosen on val (lowest threshold keeping val out-of-scope recall at 0.6 or more),
 * then test is scored once. Also prints the encoder's CPU time per ~200-character feedback.
 * Not part of the service or its build: see the README (Classifier) for how to run it.
 */
public final class EncoderBaseline {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] args) throws Exception {
    AllMiniLmL6V2QuantizedEmbeddingModel encoder = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
    String feedback =
        "I was charged twice for my bill this month and when I called customer service I was on hold for"
            + " forty minutes. I want my money back as soon as possible, this is not acceptable at all.";
    for (int i = 0; i < 50; i++) {
      encoder.embed(feedback);
    }
    long cpu = OS.getProcessCpuTime();
    int n = 400;
    for (int i = 0; i < n; i++) {
      encoder.embed(feedback);
    }
    double micros = (OS.getProcessCpuTime() - cpu) / 1000.0 / n;
    System.out.printf(Locale.ROOT, "encoder: %.0f µs of CPU per %d-character text (%.0f texts per CPU-second)%n",
        micros, feedback.length(), 1e6 / micros);

    List<LabeledText> train = LabeledTextCsv.read(Path.of(args[0]));
    List<LabeledText> val = LabeledTextCsv.read(Path.of(args[1]));
    List<LabeledText> test = LabeledTextCsv.read(Path.of(args[2]));
    List<String> labels = new ArrayList<>(new TreeSet<>(train.stream().map(LabeledText::label).toList()));
    Feature[][] xTrain = embed(encoder, train);
    Feature[][] xVal = embed(encoder, val);
    Feature[][] xTest = embed(encoder, test);
    Linear.setDebugOutput(null);
    Model best = null;
    double bestC = 0;
    double bestThreshold = 0;
    double bestInScope = -1;
    for (double c : new double[] {1, 4}) {
      Model model = train(xTrain, train, labels, c);
      for (double threshold = 0; threshold <= 0.5; threshold += 0.05) {
        double[] r = score(model, xVal, val, labels, threshold);
        if (r[1] >= 0.6 && r[0] > bestInScope) {
          best = model;
          bestC = c;
          bestThreshold = threshold;
          bestInScope = r[0];
        }
      }
      System.out.printf(Locale.ROOT, "C=%s val argmax in-scope %.4f%n", c, score(model, xVal, val, labels, 0)[0]);
    }
    double[] t = score(best, xTest, test, labels, bestThreshold);
    System.out.printf(Locale.ROOT, "chosen on val: C=%s threshold=%.2f val_in_scope=%.4f%n",
        bestC, bestThreshold, bestInScope);
    System.out.printf(Locale.ROOT, "test in_scope_accuracy=%.4f oos_recall=%.4f%n", t[0], t[1]);
  }

  private static Model train(Feature[][] x, List<LabeledText> data, List<String> labels, double c) {
    Problem p = new Problem();
    p.l = x.length;
    p.n = x[0].length;
    p.bias = -1;
    p.x = x;
    p.y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p.y[i] = labels.indexOf(data.get(i).label());
    }
    return Linear.train(p, new Parameter(SolverType.L2R_LR, c, 0.01));
  }

  /** In-scope accuracy and out-of-scope recall, rejecting below the threshold. */
  private static double[] score(Model m, Feature[][] x, List<LabeledText> data, List<String> labels, double threshold) {
    int in = 0;
    int inRight = 0;
    int oos = 0;
    int oosRejected = 0;
    double[] p = new double[labels.size()];
    for (int i = 0; i < x.length; i++) {
      int k = (int) Linear.predictProbability(m, x[i], p);
      double top = 0;
      for (double v : p) {
        top = Math.max(top, v);
      }
      String predicted = top < threshold ? "oos" : labels.get(k);
      if (data.get(i).label().equals("oos")) {
        oos++;
        oosRejected += predicted.equals("oos") ? 1 : 0;
      } else {
        in++;
        inRight += predicted.equals(data.get(i).label()) ? 1 : 0;
      }
    }
    return new double[] {inRight / (double) in, oosRejected / (double) oos};
  }

  private static Feature[][] embed(AllMiniLmL6V2QuantizedEmbeddingModel encoder, List<LabeledText> data) {
    List<TextSegment> segments = new ArrayList<>();
    for (LabeledText t : data) {
      segments.add(TextSegment.from(t.text()));
    }
    var vectors = encoder.embedAll(segments).content();
    Feature[][] out = new Feature[data.size()][];
    for (int i = 0; i < out.length; i++) {
      float[] v = vectors.get(i).vector();
      out[i] = new Feature[v.length + 1];
      for (int j = 0; j < v.length; j++) {
        out[i][j] = new FeatureNode(j + 1, v[j]);
      }
      out[i][v.length] = new FeatureNode(v.length + 1, 1);
    }
    return out;
  }
}
