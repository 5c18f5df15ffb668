package io.watchfloor.protocol.alert;

import io.watchfloor.protocol.CborSerializable;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A host that stopped behaving like itself in one window, as found by one detector.
 *
 * <p>The id is derived from (site, host, detector, window start), so the same window analysed twice
 * (a redelivery, a replay) yields the same id and is stored once.
 *
 * @param detector the detector id, ECS {@code rule.name}
 * @param category ECS {@code rule.category}
 * @param sourceIp the host that misbehaved
 * @param destinationIp its main peer in this anomaly, or null
 * @param destinationPort the main port, or null
 * @param transport "tcp", "udp", "icmp" or null
 */
public record Anomaly(
    String id,
    String site,
    String segment,
    String host,
    String detector,
    String category,
    Severity severity,
    double score,
    long windowStartMillis,
    long windowEndMillis,
    long detectedAtMillis,
    String sourceIp,
    String destinationIp,
    Integer destinationPort,
    String transport,
    Explanation explanation)
    implements CborSerializable {

  public static String idFor(String site, String host, String detector, long windowStartMillis) {
    String name = site + "|" + host + "|" + detector + "|" + windowStartMillis;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
