package io.watchfloor.node.alert.group;

import io.watchfloor.protocol.CborSerializable;
import java.util.List;
import java.util.Map;

/**
 * An alert group as the HTTP API shows it.
 *
 * @param id short stable id of the group (receiver and group key), used in URLs
 * @param status firing, acknowledged or resolved
 */
public record AlertGroupView(
    String id,
    String receiver,
    String route,
    String groupKey,
    Map<String, String> groupLabels,
    String status,
    long firstSeenMillis,
    long lastSeenMillis,
    Long lastNotifiedMillis,
    List<String> anomalyIds)
    implements CborSerializable {

  public AlertGroupView {
    groupLabels = Map.copyOf(groupLabels);
    anomalyIds = List.copyOf(anomalyIds);
  }
}
