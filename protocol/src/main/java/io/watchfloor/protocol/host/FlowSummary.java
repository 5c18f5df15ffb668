package io.watchfloor.protocol.host;

import io.watchfloor.protocol.CborSerializable;
import java.util.Map;

/**
 * A flow a host started, as its host entity sees it in a window: seen from the host's side, so
 * "out" is what the host sent. Flows travel to host entities inside their {@link HostWindow}, never
 * one message each.
 *
 * @param peer the other end's address
 * @param peerPort the other end's port (ICMP: the type)
 * @param transport "tcp", "udp", "icmp", ...
 * @param protocol the application protocol from the payload ({@code AppProtocol#id()}), or null
 * @param state TCP: "attempted", "rejected", "established", "closed", "reset"; otherwise null
 * @param metadata application metadata in ECS names (dns.question.name, tls.client.server_name ...)
 */
public record FlowSummary(
    String peer,
    int peerPort,
    int localPort,
    String transport,
    String protocol,
    long startMillis,
    long endMillis,
    long packetsOut,
    long bytesOut,
    long packetsIn,
    long bytesIn,
    String state,
    Map<String, String> metadata)
    implements CborSerializable {

  public FlowSummary {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
