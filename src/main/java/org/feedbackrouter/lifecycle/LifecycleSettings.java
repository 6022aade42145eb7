package org.feedbackrouter.lifecycle;

import java.time.Duration;

/**
 * Store names and timings the lifecycle processor needs from the topology; {@code partitions} is
 * the input partition count, which new task ids are chosen for.
 */
public record LifecycleSettings(
    int partitions,
    String taskStore,
    String dueIndexStore,
    String ownershipStore,
    String fallbackDepartment,
    Duration checkInterval,
    Duration resolvedRetention) {}
