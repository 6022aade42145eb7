package org.feedbackrouter.alert;

/** The alert stage's store names: its groups, its active surges per topic, and the global silences. */
public record AlertStageStores(String groups, String surges, String silences) {}
