package io.watchfloor.node.alert;

import io.watchfloor.node.alert.receiver.Notification;
import java.util.List;
import java.util.Map;

/** Notifications for tests, with every field set. */
public final class TestNotifications {
  private TestNotifications() {}

  public static Notification firing(String receiver, int n) {
    return of(receiver, n, Notification.Status.FIRING);
  }

  public static Notification of(String receiver, int n, Notification.Status status) {
    String anomalyId = String.format("00000000-0000-0000-0000-%012d", n);
    Map<String, String> labels = Map.of(
        "site", "hq", "segment", "dmz", "host", "10.0.0." + n, "source.ip", "10.0.0." + n,
        "rule.name", "port_scan", "severity", "high", "destination.ip", "10.0.1.1");
    Notification.AlertItem item = new Notification.AlertItem(
        anomalyId, labels, "10.0.0." + n + " probed 120 ports of 10.0.1.1", 0.97,
        1_700_000_000_000L + n * 10_000L, 0,
        "http://wf.example:8080/api/v1/anomalies/" + anomalyId,
        "http://wf.example:8080/api/v1/anomalies/" + anomalyId + "/pcap",
        Map.of("ports", "120"));
    String groupKey = "route.routes[0]{host=\"10.0.0." + n + "\"}";
    return new Notification(receiver + "|" + groupKey + "|1|" + status.label(), receiver, groupKey, status,
        Map.of("host", "10.0.0." + n), List.of(item), "http://wf.example:8080", 1_700_000_000_000L + n);
  }
}
