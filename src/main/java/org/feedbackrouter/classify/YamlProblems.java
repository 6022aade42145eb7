package org.feedbackrouter.classify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.util.TokenBufferReadContext;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Where in a YAML file a problem is ({@code topics[3].rules.es[2].weight}), and a Jackson handler
 * that records wrong keys and wrongly typed values with their paths and lets parsing go on, so a
 * user sees every problem of a file at once.
 */
final class YamlProblems {

  private YamlProblems() {}

  /** {@code topics[3].rules.es[2].weight} for where the parser is. */
  static String path(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.inObject() && c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    String p = String.join("", parts);
    return p.startsWith(".") ? p.substring(1) : p.isEmpty() ? "(file)" : p;
  }

  /**
   * {@code topics[0].exmples} for an unknown key. The parser may stand on the key or inside its value.
   * When Jackson buffered a record's properties to call its constructor, it replays them from a
   * {@link TokenBufferReadContext} that stands for the same object but hangs below the real parser's
   * context, whose current key is another one (the path came out as {@code topics[0].rules.exmples}).
   */
  static String pathOfKey(JsonStreamContext context, String key) {
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && key.equals(c.getCurrentName())) {
        JsonStreamContext parent = c.getParent();
        if (c instanceof TokenBufferReadContext && parent != null && parent.inObject()) {
          String above = parent.getParent() == null || parent.getParent().inRoot() ? "" : path(parent.getParent());
          return above.isEmpty() ? key : above + "." + key;
        }
        return path(c);
      }
    }
    String here = path(context);
    return here.equals("(file)") ? key : here + "." + key;
  }

  static String path(MismatchedInputException e) {
    StringBuilder b = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        b.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(ref.getFieldName());
      }
    }
    return b.length() == 0 ? "(file)" : b.toString();
  }

  /** Records wrong keys and wrongly typed values and lets parsing go on, so all are reported. */
  static final class CollectingHandler extends DeserializationProblemHandler {
    private final List<String> errors;

    CollectingHandler(List<String> errors) {
      this.errors = errors;
    }

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt,
        JsonParser p,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      errors.add(pathOfKey(p.getParsingContext(), propertyName) + ": unknown key");
      p.skipChildren();
      return true;
    }

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext ctxt, Class<?> targetType, String valueToConvert, String failureMsg) {
      errors.add(
          path(ctxt.getParser().getParsingContext())
              + ": must be "
              + describe(targetType)
              + ", was '"
              + valueToConvert
              + "'");
      return null;
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext ctxt,
        JavaType targetType,
        JsonToken t,
        JsonParser p,
        String failureMsg)
        throws IOException {
      errors.add(
          path(p.getParsingContext())
              + ": must be "
              + describe(targetType.getRawClass())
              + ", was "
              + (t == null ? "nothing" : t.asString() == null ? t.name().toLowerCase() : "'" + p.getText() + "'"));
      p.skipChildren();
      return null;
    }

    private static String describe(Class<?> type) {
      if (type == Double.class || type == double.class) {
        return "a number";
      }
      if (type == Boolean.class || type == boolean.class) {
        return "true or false";
      }
      if (List.class.isAssignableFrom(type)) {
        return "a list";
      }
      if (Map.class.isAssignableFrom(type) || type.isRecord()) {
        return "a mapping";
      }
      return "text";
    }
  }
}
