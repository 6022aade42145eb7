package org.feedbackrouter.notify.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.feedbackrouter.avro.Alert;
import org.feedbackrouter.avro.Task;
import org.feedbackrouter.notify.Notification;
import org.feedbackrouter.registry.SchemaRegistryException;
import org.feedbackrouter.topology.Topics;

/** Reads a {@code tasks.<d>} or {@code alerts.<d>} record with the project's Avro serde. */
final class RecordDecoder {
  /** The registry could not answer: the record is fine, and is read again later. */
  static final class RegistryUnavailableException extends RuntimeException {
    RegistryUnavailableException(Throwable cause) {
      super(cause);
    }
  }

  private final Topics topics;

  RecordDecoder(Topics topics) {
    this.topics = topics;
  }

  Notification decode(ConsumerRecord<String, byte[]> record) {
    String name = record.topic().substring(topics.prefix().length());
    try {
      if (name.startsWith(Topics.TASKS)) {
        Task task = topics.taskSerde().deserializer().deserialize(record.topic(), record.headers(), record.value());
        return Notification.of(task);
      }
      Alert alert = topics.alertSerde().deserializer().deserialize(record.topic(), record.headers(), record.value());
      return Notification.of(alert);
    } catch (RuntimeException e) {
      if (registryAway(e)) {
        throw new RegistryUnavailableException(e);
      }
      throw e;
    }
  }

  /** The department a topic belongs to, for the metrics of records that cannot be read. */
  String department(String topic) {
    String name = topic.substring(topics.prefix().length());
    return name.startsWith(Topics.TASKS) ? name.substring(Topics.TASKS.length()) : name.substring(Topics.ALERTS.length());
  }

  private static boolean registryAway(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException sre && (sre.kind() == SchemaRegistryException.Kind.UNAVAILABLE
          || sre.kind() == SchemaRegistryException.Kind.UNAUTHORIZED)) {
        return true;
      }
    }
    return false;
  }
}
