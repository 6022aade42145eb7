package org.feedbackrouter.classify;

/**
 * A keyword (one word) or phrase (several words in a row) that points to a topic, with how strongly:
 * a weight in (0, 1]. Matched after the same normalisation as the text (case, accents, stems).
 */
public record TopicRule(String match, double weight) {}
