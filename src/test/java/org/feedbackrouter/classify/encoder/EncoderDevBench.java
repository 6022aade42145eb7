package org.feedbackrouter.classify.encoder;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.feedbackrouter.classify.Classification;
import org.feedbackrouter.classify.ClassifierSettings;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.classify.Language;
import org.feedbackrouter.classify.PriorityRules;
import org.feedbackrouter.classify.Taxonomy;
import org.feedbackrouter.classify.TopicModel;

/**
 * What the encoder does on a labelled feedback file (the shared cx-feedback-dev set; measured only,
 * never trained on): for each mode, primary-topic accuracy (English texts and all), the share of
 * texts sent to the encoder, and the classify CPU time per text (ThreadMXBean, this thread, second
 * of two passes). The classifier is the default taxonomy's, trained as {@code run} trains it.
 * Measurement tool, not a test:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   org.feedbackrouter.classify.encoder.EncoderDevBench ../shared/datasets/cx-feedback-dev/feedback.csv \
 *   [MODEL.onnx TOKENIZER.json POOLING]
 * </pre>
 */
public final class EncoderDevBench {

  public static void main(String[] args) throws Exception {
    CsvMapper mapper = new CsvMapper();
    List<Map<String, String>> rows;
    try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(new File(args[0]))) {
      rows = it.readAll();
    }
    Taxonomy taxonomy = Taxonomy.defaults();
    ClassifierSettings settings = ClassifierSettings.defaults();
    TopicModel model = TopicModel.train(taxonomy.examples(), null, settings.model());
    EncoderSettings base = args.length > 1
        ? new EncoderSettings(EncoderMode.ALL, Optional.of(Path.of(args[1])), Optional.of(Path.of(args[2])),
            PoolingMode.valueOf(args[3]), EnumSet.of(Language.EN), EncoderCascade.DEFAULT_THRESHOLD)
        : EncoderSettings.defaults();
    EncoderCascade trained = EncoderCascade.train(base.withMode(EncoderMode.ALL), taxonomy, taxonomy.examples(),
        model.labels(), settings.model().seed());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (EncoderMode mode : EncoderMode.values()) {
      for (double t : mode == EncoderMode.UNCERTAIN ? new double[] {0.2, 0.3, 0.4, 0.5, 0.7} : new double[] {base.threshold()}) {
        EncoderCascade cascade = mode == EncoderMode.OFF ? null
            : new EncoderCascade(trained.encoder(), trained.head(), mode, t);
        FeedbackClassifier classifier =
            FeedbackClassifier.create(taxonomy, model, PriorityRules.defaults(), settings, cascade);
        int right = 0;
        int rightEn = 0;
        int en = 0;
        long cpu = 0;
        for (int pass = 0; pass < 2; pass++) {
          long start = threads.getCurrentThreadCpuTime();
          for (Map<String, String> row : rows) {
            Classification c = classifier.classify(row.get("text"), row.get("lang"), null, null, null);
            if (pass == 1) {
              boolean ok = c.primaryTopic().equals(row.get("primary"));
              right += ok ? 1 : 0;
              if ("en".equals(row.get("lang"))) {
                en++;
                rightEn += ok ? 1 : 0;
              }
            }
          }
          cpu = threads.getCurrentThreadCpuTime() - start;
        }
        long asked = cascade == null ? 0 : cascade.asked() / 2;
        System.out.printf(Locale.ROOT,
            "%s %-9s t=%.2f primary=%.4f primary_en=%.4f asked=%.3f (en %.3f) cpu_per_text_ms=%.3f%n",
            trained.encoder().name(), mode.code(), t, right / (double) rows.size(), rightEn / (double) en,
            asked / (double) rows.size(), asked / (double) en, cpu / 1e6 / rows.size());
      }
    }
  }
}
