package org.feedbackrouter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/** A request body that must be a JSON object of known fields; anything else is a 400 saying why. */
final class JsonBody {
  private JsonBody() {}

  /** @param expected what the caller should send, e.g. {@code with at least "type"} */
  static JsonNode object(ObjectMapper mapper, byte[] body, List<String> fields, String expected) {
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(400, "unreadable body");
    }
    if (json == null || !json.isObject()) {
      throw new ApiException(400, "the body must be a JSON object " + expected);
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw new ApiException(400, "unknown field '" + name + "': known fields are " + fields);
      }
    }
    return json;
  }
}
