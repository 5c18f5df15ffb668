package io.watchfloor.node.capture;

import io.watchfloor.node.HostPort;
import io.watchfloor.protocol.CborSerializable;

/**
 * What a segment captures: a capture file, a live interface, or NetFlow/IPFIX exports on a UDP port.
 *
 * @param segment segment name, the capture entity's id
 * @param file a pcap or pcapng file, or null
 * @param networkInterface a live interface name (needs root or CAP_NET_RAW), or null
 * @param filter a BPF filter for live capture, or "" for everything
 * @param netflow "host:port" to receive NetFlow v5/v9 and IPFIX on, or null
 */
public record CaptureSpec(String segment, String file, String networkInterface, String filter, String netflow)
    implements CborSerializable {

  public CaptureSpec {
    if (segment == null || segment.isBlank()) {
      throw new IllegalArgumentException("a capture source needs a segment name");
    }
    int kinds = (file == null ? 0 : 1) + (networkInterface == null ? 0 : 1) + (netflow == null ? 0 : 1);
    if (kinds != 1) {
      throw new IllegalArgumentException(
          "capture source '" + segment + "' must name exactly one of 'file', 'interface' or 'netflow'");
    }
    if (netflow != null) {
      netflowAddress(netflow, segment);
    }
    filter = filter == null ? "" : filter;
  }

  public static CaptureSpec ofFile(String segment, String file) {
    return new CaptureSpec(segment, file, null, "", null);
  }

  public static CaptureSpec ofInterface(String segment, String networkInterface, String filter) {
    return new CaptureSpec(segment, null, networkInterface, filter, null);
  }

  public static CaptureSpec ofNetflow(String segment, String hostPort) {
    return new CaptureSpec(segment, null, null, "", hostPort);
  }

  public boolean live() {
    return networkInterface != null;
  }

  public boolean receivesNetflow() {
    return netflow != null;
  }

  /** The UDP address to bind for NetFlow/IPFIX; throws naming the segment when malformed. */
  public static java.net.InetSocketAddress netflowAddress(String hostPort, String segment) {
    return HostPort.parse(hostPort, "capture source '" + segment + "': netflow", 0);
  }

  public String describe() {
    if (netflow != null) {
      return "NetFlow/IPFIX on udp " + netflow;
    }
    return live()
        ? "interface " + networkInterface + (filter.isEmpty() ? "" : " filter '" + filter + "'")
        : "file " + file;
  }
}
