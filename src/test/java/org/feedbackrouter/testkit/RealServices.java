package org.feedbackrouter.testkit;

import org.apache.kafka.clients.admin.Admin;

/**
 * A real Kafka cluster and a real Schema Registry, shared by every integration test of one test run.
 * Inject it as a test method parameter of a class annotated {@code @ExtendWith(RealServicesExtension.class)}.
 * Tests share the cluster, so each test uses its own topic names, subjects and group ids.
 */
public interface RealServices {

    String bootstrapServers();

    /** The registry's Confluent-compatible API, {@code http://127.0.0.1:<port>/apis/ccompat/v7}. */
    String registryUrl();

    /** Creates the topics with the cluster's default replication factor and waits until the controller accepted them. */
    void createTopics(int partitions, String... names);

    /** An admin client for the cluster, shared and closed by the harness: do not close it. */
    Admin admin();

    /** The registry process, for tests that stop and restart it. */
    ApicurioRegistry registry();
}
