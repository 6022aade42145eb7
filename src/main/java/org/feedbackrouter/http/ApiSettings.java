package org.feedbackrouter.http;

import java.util.Set;
import org.feedbackrouter.access.ApiTokens;

/**
 * What the API needs from the service around it.
 *
 * @param taskStore the lifecycle's task store, queried interactively
 * @param ownershipStore the global ownership store, which names the known departments
 * @param fallbackDepartment the department that, like admin, sees every task
 * @param tokens bearer tokens per department; none answers every API call with 401
 * @param topics the taxonomy's topic ids, which a topic correction must name; empty accepts any
 * @param advertisedHost the host part of this instance's {@code application.server}
 */
public record ApiSettings(String taskStore, String ownershipStore, String fallbackDepartment, ApiTokens tokens,
    Set<String> topics, String advertisedHost) {}
