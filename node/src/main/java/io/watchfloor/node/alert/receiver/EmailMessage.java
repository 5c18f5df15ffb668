package io.watchfloor.node.alert.receiver;

import java.util.Locale;

/**
 * The subject and plain-text body of an alert e-mail, and thread ids so that every message of one
 * alert group lands in one conversation.
 */
final class EmailMessage {
  private EmailMessage() {}

  static String subject(Notification n) {
    return "[" + n.status().label().toUpperCase(Locale.ROOT) + "] " + Json.title(n);
  }

  static String body(Notification n) {
    StringBuilder b = new StringBuilder();
    b.append(subject(n)).append("\n\n");
    b.append("Group: ").append(n.groupKey()).append('\n');
    b.append("Receiver: ").append(n.receiver()).append("\n\n");
    for (Notification.AlertItem a : n.alerts()) {
      b.append("* ").append(a.summary()).append('\n');
      a.labels().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
          .forEach(e -> b.append("    ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n'));
      b.append("    anomaly: ").append(a.anomalyUrl()).append('\n');
      b.append("    pcap:    ").append(a.pcapUrl()).append("\n\n");
    }
    return b.toString();
  }

  /** One Message-ID per notification, and the group's id as the thread root. */
  static String messageId(Notification n) {
    return "<" + Json.fit(n.id(), 0) + "@watchfloor>";
  }

  static String threadId(Notification n) {
    return "<" + Json.fit(n.receiver() + "|" + n.groupKey(), 0) + "@watchfloor>";
  }
}
