package io.watchfloor.node.capture;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code watchfloor.capture}.
 *
 * @param fileReader "mapped" (Watchfloor's zero-copy reader) or "libpcap" (through pcap4j)
 * @param inFlightWindows host windows of one capture run sent to host entities and not yet confirmed
 * @param maxWindowsPerSecond host windows one segment delivers per second at most; 0 = unbounded
 * @param deliveryLanes reliable-delivery producers per capture run, each for its share of the hosts
 * @param deliveryBatch closed capture windows that may wait for the hosts' side and then go as one
 *     delivery per host
 * @param netflowReceiveBufferBytes socket receive buffer (SO_RCVBUF) a NetFlow segment asks for
 */
public record CaptureSettings(
    List<CaptureSpec> sources,
    String fileReader,
    int snaplen,
    boolean promiscuous,
    Duration readTimeout,
    int inFlightWindows,
    int maxWindowsPerSecond,
    int deliveryLanes,
    int deliveryBatch,
    int netflowReceiveBufferBytes) {

  public CaptureSettings {
    sources = List.copyOf(sources);
    if (!fileReader.equals("mapped") && !fileReader.equals("libpcap")) {
      throw new IllegalArgumentException(
          "watchfloor.capture.file-reader must be 'mapped' or 'libpcap', was '" + fileReader + "'");
    }
    if (inFlightWindows < 1) {
      throw new IllegalArgumentException("watchfloor.capture.in-flight-windows must be at least 1");
    }
    if (maxWindowsPerSecond < 0) {
      throw new IllegalArgumentException("watchfloor.capture.max-windows-per-second must be 0 (unbounded) or more");
    }
    if (deliveryBatch < 1 || deliveryBatch > 64) {
      throw new IllegalArgumentException(
          "watchfloor.capture.delivery-batch must be between 1 and 64, was " + deliveryBatch);
    }
    if (deliveryLanes < 1 || deliveryLanes > 1024) {
      throw new IllegalArgumentException(
          "watchfloor.capture.delivery-lanes must be between 1 and 1024, was " + deliveryLanes);
    }
    if (netflowReceiveBufferBytes < 1) {
      throw new IllegalArgumentException("watchfloor.capture.netflow-receive-buffer must be at least 1 byte");
    }
  }

  public static CaptureSettings create(Config root) {
    Config c = root.getConfig("watchfloor.capture");
    List<CaptureSpec> sources = new ArrayList<>();
    int i = 0;
    for (Config s : c.getConfigList("sources")) {
      String where = "watchfloor.capture.sources[" + i++ + "]";
      for (String key : s.root().keySet()) {
        if (!List.of("segment", "file", "interface", "filter", "netflow").contains(key)) {
          throw new IllegalArgumentException(
              "unknown config key " + where + "." + key + " (expected segment, file, interface, filter, netflow)");
        }
      }
      try {
        sources.add(
            new CaptureSpec(
                s.getString("segment"),
                s.hasPath("file") ? s.getString("file") : null,
                s.hasPath("interface") ? s.getString("interface") : null,
                s.hasPath("filter") ? s.getString("filter") : "",
                s.hasPath("netflow") ? s.getString("netflow") : null));
      } catch (ConfigException.Missing e) {
        throw new IllegalArgumentException(where + " needs a 'segment' name");
      }
    }
    return new CaptureSettings(
        sources,
        c.getString("file-reader"),
        c.getInt("snaplen"),
        c.getBoolean("promiscuous"),
        c.getDuration("read-timeout"),
        c.getInt("in-flight-windows"),
        c.getInt("max-windows-per-second"),
        c.getInt("delivery-lanes"),
        c.getInt("delivery-batch"),
        c.getBytes("netflow-receive-buffer").intValue());
  }
}
