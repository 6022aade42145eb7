package org.feedbackrouter.classify;

/** A taxonomy rule found in a text: its topic, phrase and weight, or a negative rule that excluded the topic. */
public record RuleHit(String topic, String phrase, double weight, boolean negative) {}
