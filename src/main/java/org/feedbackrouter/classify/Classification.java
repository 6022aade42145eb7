package org.feedbackrouter.classify;

import java.util.List;
import org.feedbackrouter.avro.Priority;
import org.feedbackrouter.avro.Sentiment;

/**
 * The result of classifying one feedback.
 *
 * @param language "es", "en" or "unknown"
 * @param redactedText the text with personal data masked: the only form of it that may leave
 * @param topics topics above the threshold, best first
 * @param primaryTopic the best topic, or {@link #UNCLASSIFIED}
 */
public record Classification(
    String language,
    String redactedText,
    List<TopicMatch> topics,
    String primaryTopic,
    Sentiment sentiment,
    Priority priority) {

  public static final String UNCLASSIFIED = "unclassified";

  public Classification {
    topics = List.copyOf(topics);
  }

  public boolean isClassified() {
    return !UNCLASSIFIED.equals(primaryTopic);
  }
}
