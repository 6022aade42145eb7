package org.feedbackrouter.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedbackrouter.avro.ClassifiedFeedback;
import org.feedbackrouter.avro.FeedbackReceived;
import org.feedbackrouter.avro.Scores;
import org.feedbackrouter.avro.TopicScore;
import org.feedbackrouter.classify.Classification;
import org.feedbackrouter.classify.FeedbackClassifier;
import org.feedbackrouter.classify.TopicMatch;
import org.feedbackrouter.route.OwnershipFile;
import org.feedbackrouter.route.OwnershipTable;
import org.feedbackrouter.route.Router;
import org.feedbackrouter.simulate.FeedbackGenerator;

/** The benchmarks' inputs: the bench command's seeded ~200-character feedback, classified as the topology does. */
final class BenchData {
  static final int SIZE = 1024;
  static final Instant RECEIVED = Instant.parse("2026-03-01T10:15:00Z");

  private BenchData() {}

  static FeedbackReceived[] feedback() {
    FeedbackGenerator generator = new FeedbackGenerator(42, 200);
    FeedbackReceived[] out = new FeedbackReceived[SIZE];
    for (int i = 0; i < SIZE; i++) {
      out[i] = generator.next(RECEIVED);
    }
    return out;
  }

  static ClassifiedFeedback[] classified(FeedbackReceived[] feedback) {
    FeedbackClassifier classifier = FeedbackClassifier.withDefaults();
    ClassifiedFeedback[] out = new ClassifiedFeedback[feedback.length];
    for (int i = 0; i < feedback.length; i++) {
      FeedbackReceived f = feedback[i];
      Scores s = f.getScores();
      Classification c = classifier.classify(f.getText(), f.getLanguage(),
          s == null ? null : s.getNps(), s == null ? null : s.getCsat(), s == null ? null : s.getCes());
      List<TopicScore> topics = new ArrayList<>();
      for (TopicMatch m : c.topics()) {
        topics.add(new TopicScore(m.topic(), m.score(), m.source()));
      }
      out[i] = ClassifiedFeedback.newBuilder()
          .setFeedbackId(f.getId()).setChannel(f.getChannel()).setReceivedAt(f.getReceivedAt())
          .setClassifiedAt(RECEIVED).setCustomerId(f.getCustomerId()).setLanguage(c.language())
          .setProduct(f.getProduct()).setJourney(f.getJourney()).setRedactedText(c.redactedText())
          .setScores(s).setTopics(topics).setPrimaryTopic(c.primaryTopic())
          .setSentiment(c.sentiment()).setPriority(c.priority())
          .build();
    }
    return out;
  }

  static OwnershipTable sampleOwnership() {
    var entries = OwnershipFile.fromClasspath("/ownership/sample-ownership.yaml").entries();
    return new OwnershipTable(entries::get, "cx_office");
  }

  static Router router() {
    return new Router();
  }
}
