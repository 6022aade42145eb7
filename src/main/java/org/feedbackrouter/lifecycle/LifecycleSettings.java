package org.feedbackrouter.lifecycle;

import java.time.Duration;

/** Store names and timings the lifecycle processor needs from the topology. */
public record LifecycleSettings(
    String taskStore,
    String dueIndexStore,
    String ownershipStore,
    String fallbackDepartment,
    Duration checkInterval,
    Duration resolvedRetention) {}
