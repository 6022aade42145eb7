package org.feedbackrouter.classify;

import org.feedbackrouter.avro.MatchSource;

/** A topic found in a text, its score in [0, 1], and whether rules, the model or both found it. */
public record TopicMatch(String topic, double score, MatchSource source) {}
