package org.feedbackrouter.classify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.avro.TopicScore;
import org.feedbackrouter.metrics.FeedbackMetrics;
import org.feedbackrouter.redact.Redactor;

/** Classifies and redacts admitted feedback; nothing downstream ever sees the raw text. */
public final class ClassifyProcessor
    implements FixedKeyProcessor<String, FeedbackReceived, ClassifiedFeedback> {
  private final FeedbackClassifier classifier;
  private final FeedbackMetrics metrics;
  // Product, journey and attributes travel to every department's task: masked like the text.
  private final Redactor redactor = Redactor.defaults();
  private FixedKeyProcessorContext<String, ClassifiedFeedback> context;

  public ClassifyProcessor(FeedbackClassifier classifier, FeedbackMetrics metrics) {
    this.classifier = classifier;
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, ClassifiedFeedback> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, FeedbackReceived> record) {
    FeedbackReceived f = record.value();
    Scores s = f.getScores();
    Classification c = classifier.classify(f.getText(), f.getLanguage(),
        s == null ? null : s.getNps(), s == null ? null : s.getCsat(), s == null ? null : s.getCes());
    List<TopicScore> topics = new ArrayList<>(c.topics().size());
    for (TopicMatch m : c.topics()) {
      topics.add(new TopicScore(m.topic(), m.score(), m.source()));
    }
    ClassifiedFeedback out = ClassifiedFeedback.newBuilder()
        .setFeedbackId(f.getId())
        .setChannel(f.getChannel())
        .setReceivedAt(f.getReceivedAt())
        .setClassifiedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
        .setCustomerId(f.getCustomerId())
        .setLanguage(c.language())
        .setProduct(redactOrNull(f.getProduct()))
        .setJourney(redactOrNull(f.getJourney()))
        .setAttributes(redactValues(f.getAttributes()))
        .setRedactedText(c.redactedText())
        .setScores(s)
        .setTopics(topics)
        .setPrimaryTopic(c.primaryTopic())
        .setSentiment(c.sentiment())
        .setPriority(c.priority())
        .build();
    metrics.classified(c.primaryTopic(), c.priority());
    metrics.perception(c.primaryTopic(), f.getChannel(), s);
    context.forward(record.withValue(out));
  }

  private String redactOrNull(String value) {
    return value == null ? null : redactor.redact(value);
  }

  private Map<String, String> redactValues(Map<String, String> attributes) {
    Map<String, String> out = new LinkedHashMap<>();
    // Names too: a pipeline may key an attribute by the customer's e-mail or phone.
    attributes.forEach((k, v) -> out.put(redactor.redact(k), redactor.redact(v)));
    return out;
  }
}
