package io.watchfloor.node;

import java.net.InetSocketAddress;

/** "host:port" as users write it in config and flags ({@code [v6]:port} too), checked once. */
public final class HostPort {
  private HostPort() {}

  /**
   * @param what how the value is named in the error, e.g. "Cassandra contact point"
   * @param minPort the lowest port allowed (0 where "any free port" makes sense)
   * @return an unresolved address (nothing is looked up here)
   */
  public static InetSocketAddress parse(String text, String what, int minPort) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(what + " '" + text + "' is not of the form host:port");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + text + "' has a port that is not a number");
    }
    if (port < minPort || port > 65535) {
      throw new IllegalArgumentException(
          what + " '" + text + "' has port " + port + ", expected " + minPort + "-65535");
    }
    return InetSocketAddress.createUnresolved(host, port);
  }
}
