package io.watchfloor.node.netflow;

import java.util.ArrayList;
import java.util.List;

/**
 * Linux's table of UDP sockets, {@code /proc/net/udp} and {@code /proc/net/udp6} (one header line,
 * then one line per socket: {@code sl local_address rem_address st tx_queue:rx_queue tr:tm->when
 * retrnsmt uid timeout inode ref pointer drops}, addresses and ports in hex). Only what the drop
 * counter needs is kept; a line that does not parse is skipped.
 */
final class UdpSocketTable {
  /** A socket's line has at least this many fields; {@code drops} is the last of them. */
  private static final int FIELDS = 13;
  private static final int LOCAL_ADDRESS = 1;
  private static final int INODE = 9;
  private static final int DROPS = 12;

  /**
   * @param localPort the port the socket is bound to
   * @param inode the socket's inode (as in {@code /proc/<pid>/fd/N -> socket:[inode]})
   * @param drops datagrams the kernel dropped for this socket, mostly because its receive buffer was full
   */
  record Socket(int localPort, long inode, long drops) {}

  private UdpSocketTable() {}

  static List<Socket> parse(String text) {
    List<Socket> sockets = new ArrayList<>();
    for (String line : text.split("\n")) {
      Socket socket = parseLine(line.trim());
      if (socket != null) {
        sockets.add(socket);
      }
    }
    return sockets;
  }

  private static Socket parseLine(String line) {
    String[] fields = line.split("\\s+");
    if (fields.length < FIELDS || !fields[0].endsWith(":")) {
      return null; // the header ("sl local_address ..."), an empty or a cut line
    }
    String local = fields[LOCAL_ADDRESS];
    int colon = local.lastIndexOf(':');
    try {
      return new Socket(Integer.parseInt(local.substring(colon + 1), 16), Long.parseLong(fields[INODE]),
          Long.parseLong(fields[DROPS]));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return null;
    }
  }
}
