package io.watchfloor.protocol.flow;

import io.watchfloor.protocol.CborSerializable;
import java.util.Map;

/**
 * One bidirectional flow, whether built from packets or received as NetFlow/IPFIX. "Source" is the
 * side that started the flow (the SYN sender, else the first packet's sender).
 *
 * @param transport "tcp", "udp", "icmp", "ipv6-icmp", or the IP protocol number as text
 * @param vlan outer VLAN id, or -1
 * @param startNanos first packet, epoch nanoseconds
 * @param endNanos last packet, epoch nanoseconds
 * @param protocol application protocol id from the payload ({@code AppProtocol#id()}), or null
 * @param communityId Community ID v1 ("1:base64"), as Zeek, Suricata and ECS compute it
 * @param state TCP: "attempted", "rejected", "established", "closed", "reset"; others: null
 * @param endReason why the record was emitted: "idle", "active", "end", "evicted", "exported"
 * @param origin "pcap", "live", "netflow5", "netflow9" or "ipfix"
 * @param metadata application metadata in ECS names (dns.question.name, tls.client.server_name,
 *     tls.client.ja3, http.request.method, url.original, url.domain, ...)
 */
public record FlowRecord(
    String transport,
    String sourceIp,
    int sourcePort,
    String destinationIp,
    int destinationPort,
    int vlan,
    long sourcePackets,
    long sourceBytes,
    long destinationPackets,
    long destinationBytes,
    long startNanos,
    long endNanos,
    String protocol,
    String communityId,
    String state,
    String endReason,
    String origin,
    Map<String, String> metadata)
    implements CborSerializable {

  public FlowRecord {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public long packets() {
    return sourcePackets + destinationPackets;
  }

  public long bytes() {
    return sourceBytes + destinationBytes;
  }
}
