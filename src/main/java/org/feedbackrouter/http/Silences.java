package org.feedbackrouter.http;

import java.util.List;
import org.feedbackrouter.avro.Silence;

/** Where the API keeps silences: the compacted {@code alert.silences} topic and its global store. */
public interface Silences {
  /** Returns once the silence is durably written; throws if it could not be. */
  void write(Silence silence);

  /**
   * Every silence the global store holds, expired ones included.
   *
   * @throws IllegalStateException or {@link org.apache.kafka.streams.errors.InvalidStateStoreException}
   *     while the store cannot be read (the API answers 503)
   */
  List<Silence> all();
}
