package org.feedbackrouter.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Slack incoming-webhook message in Block Kit: a header, the redacted text, the fields a desk
 * triages by (priority, topic, role or alert kind, due time) and a button to the task in the API.
 * {@code text} is the fallback Slack shows in notifications. Limits from Slack's reference: header
 * 150 characters, section text 3,000; user text is escaped, since {@code <}, {@code >} and
 * {@code &} are Slack's markup.
 */
public final class SlackMessage {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int HEADER_MAX = 150;
  private static final int SECTION_MAX = 3000;

  private SlackMessage() {}

  public static ObjectNode of(Notification n, String taskUrl) {
    ObjectNode message = NODES.objectNode();
    message.put("text", n.headline());
    ArrayNode blocks = message.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", cut(n.headline(), HEADER_MAX));
    blocks.addObject().put("type", "section").set("text", mrkdwn(cut(escape(n.text()), SECTION_MAX)));
    ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
    if (n.priority() != null) {
      fields.add(mrkdwn("*Priority*\n" + n.priority()));
    }
    if (n.topic() != null) {
      fields.add(mrkdwn("*Topic*\n" + escape(n.topic())));
    }
    fields.add(mrkdwn("*" + (n.kind().equals("task") ? "Role" : "Alert") + "*\n" + n.label()));
    fields.add(mrkdwn("*Department*\n" + n.department()));
    if (n.dueAt() != null) {
      // Slack renders the date in each reader's time zone; the ISO text is the fallback.
      fields.add(mrkdwn("*Due*\n<!date^" + n.dueAt().getEpochSecond() + "^{date_short_pretty} {time}|"
          + n.dueAt() + ">"));
    }
    if (taskUrl != null) {
      ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject()
          .put("type", "button").put("url", taskUrl);
      button.putObject("text").put("type", "plain_text").put("text", "Open task");
    }
    return message;
  }

  private static ObjectNode mrkdwn(String text) {
    return NODES.objectNode().put("type", "mrkdwn").put("text", text);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
