package org.feedbackrouter.registry;

/** Confluent's default TopicNameStrategy: the subject of a topic's keys or values. */
public final class SubjectNames {

  private SubjectNames() {}

  public static String value(String topic) {
    return topic + "-value";
  }

  public static String key(String topic) {
    return topic + "-key";
  }

  public static String of(String topic, boolean isKey) {
    return isKey ? key(topic) : value(topic);
  }
}
