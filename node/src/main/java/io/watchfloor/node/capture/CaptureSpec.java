package io.watchfloor.node.capture;

import io.watchfloor.protocol.CborSerializable;

/**
 * What a segment captures: a capture file or a live interface.
 *
 * @param segment segment name, the capture entity's id
 * @param file a pcap or pcapng file, or null
 * @param networkInterface a live interface name (needs root or CAP_NET_RAW), or null
 * @param filter a BPF filter for live capture, or "" for everything
 */
public record CaptureSpec(String segment, String file, String networkInterface, String filter)
    implements CborSerializable {

  public CaptureSpec {
    if (segment == null || segment.isBlank()) {
      throw new IllegalArgumentException("a capture source needs a segment name");
    }
    if ((file == null) == (networkInterface == null)) {
      throw new IllegalArgumentException(
          "capture source '" + segment + "' must name exactly one of 'file' or 'interface'");
    }
    filter = filter == null ? "" : filter;
  }

  public static CaptureSpec ofFile(String segment, String file) {
    return new CaptureSpec(segment, file, null, "");
  }

  public static CaptureSpec ofInterface(String segment, String networkInterface, String filter) {
    return new CaptureSpec(segment, null, networkInterface, filter);
  }

  public boolean live() {
    return networkInterface != null;
  }

  public String describe() {
    return live()
        ? "interface " + networkInterface + (filter.isEmpty() ? "" : " filter '" + filter + "'")
        : "file " + file;
  }
}
