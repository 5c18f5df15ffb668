package io.watchfloor.node.alert.receiver;

import io.watchfloor.protocol.CborSerializable;
import io.watchfloor.protocol.alert.Anomaly;
import java.util.List;
import java.util.Map;

/**
 * One message to one receiver about one alert group: what the outbox stores and an integration
 * sends. The id is deterministic (receiver, group key, status, sequence), so writing it twice
 * stores it once and a delivered id is never sent again.
 *
 * @param groupKey the group key; receivers see it as their dedup key / alias
 * @param alerts the anomalies of the group this message is about
 */
public record Notification(
    String id,
    String receiver,
    String groupKey,
    Status status,
    Map<String, String> groupLabels,
    List<AlertItem> alerts,
    String externalUrl,
    long createdMillis)
    implements CborSerializable {

  /** Where the alert group stands. */
  public enum Status {
    FIRING,
    ACKNOWLEDGED,
    RESOLVED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Notification {
    groupLabels = Map.copyOf(groupLabels);
    alerts = List.copyOf(alerts);
  }

  /** The first alert: the one summaries and sources speak of. */
  public AlertItem lead() {
    return alerts.get(0);
  }

  /**
   * One anomaly inside a notification.
   *
   * @param anomalyUrl the anomaly over the HTTP API
   * @param pcapUrl where its pcap evidence is served
   */
  public record AlertItem(
      String anomalyId,
      Map<String, String> labels,
      String summary,
      double score,
      long startsAtMillis,
      long endsAtMillis,
      String anomalyUrl,
      String pcapUrl,
      Map<String, String> evidence)
      implements CborSerializable {

    public AlertItem {
      labels = Map.copyOf(labels);
      evidence = Map.copyOf(evidence);
    }

    /** An anomaly with its labels, linked to it and its pcap under the node's {@code externalUrl}. */
    public static AlertItem of(Anomaly a, Map<String, String> labels, String externalUrl) {
      String anomalyUrl = externalUrl + "/api/v1/anomalies/" + a.id();
      return new AlertItem(a.id(), labels, a.explanation().summary(), a.score(), a.windowStartMillis(), 0,
          anomalyUrl, anomalyUrl + "/pcap", a.explanation().evidence());
    }

    public String severity() {
      return labels.getOrDefault("severity", "medium");
    }
  }
}
