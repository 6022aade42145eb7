package org.feedbackrouter.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.feedbackrouter.avro.AreaOwnership;
import org.feedbackrouter.avro.TaskState;
import org.feedbackrouter.route.OwnershipFile;

/** The stores the API reads through interactive queries. */
final class ApiStores {
  private final ApiSettings settings;

  ApiStores(ApiSettings settings) {
    this.settings = settings;
  }

  /** This instance's share of the task store. */
  ReadOnlyKeyValueStore<String, TaskState> tasks(KafkaStreams ks) {
    return ks.store(StoreQueryParameters.fromNameAndType(settings.taskStore(), QueryableStoreTypes.keyValueStore()));
  }

  /**
   * Every department the ownership table names (owners, supporting, committees, escalation
   * levels) and the fallback department. The table is a global store: every instance has it all.
   */
  Set<String> departments(KafkaStreams ks) {
    ReadOnlyKeyValueStore<String, AreaOwnership> store = ks.store(StoreQueryParameters.fromNameAndType(
        settings.ownershipStore(), QueryableStoreTypes.keyValueStore()));
    List<AreaOwnership> entries = new ArrayList<>();
    try (KeyValueIterator<String, AreaOwnership> all = store.all()) {
      all.forEachRemaining(kv -> entries.add(kv.value));
    }
    Set<String> out = new TreeSet<>(OwnershipFile.departmentsOf(entries));
    out.add(settings.fallbackDepartment());
    return out;
  }
}
