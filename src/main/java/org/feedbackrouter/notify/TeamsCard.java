package org.feedbackrouter.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Teams message for the Workflows "when a Teams webhook request is received" trigger: Workflows
 * accept Adaptive Cards only (not the retired connectors' MessageCard), wrapped in a
 * {@code message} with one attachment of content type {@code application/vnd.microsoft.card.adaptive}.
 * Version 1.4 is what Teams renders.
 */
public final class TeamsCard {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TeamsCard() {}

  public static ObjectNode of(Notification n, String taskUrl) {
    ObjectNode card = NODES.objectNode()
        .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
        .put("type", "AdaptiveCard")
        .put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject().put("type", "TextBlock").put("text", n.headline()).put("weight", "Bolder")
        .put("size", "Medium").put("wrap", true);
    body.addObject().put("type", "TextBlock").put("text", n.text()).put("wrap", true);
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    if (n.priority() != null) {
      fact(facts, "Priority", n.priority());
    }
    if (n.topic() != null) {
      fact(facts, "Topic", n.topic());
    }
    fact(facts, n.kind().equals("task") ? "Role" : "Alert", n.label());
    fact(facts, "Department", n.department());
    if (n.dueAt() != null) {
      fact(facts, "Due", n.dueAt().toString());
    }
    if (taskUrl != null) {
      card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open task")
          .put("url", taskUrl);
    }
    ObjectNode message = NODES.objectNode().put("type", "message");
    message.putArray("attachments").addObject()
        .put("contentType", "application/vnd.microsoft.card.adaptive")
        .putNull("contentUrl")
        .set("content", card);
    return message;
  }

  private static void fact(ArrayNode facts, String title, String value) {
    facts.addObject().put("title", title).put("value", value);
  }
}
