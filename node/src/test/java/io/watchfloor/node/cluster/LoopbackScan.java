package io.watchfloor.node.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A vertical port scan on the loopback interface: connection attempts to closed ports, refused by RST. */
final class LoopbackScan {
  static final int FIRST_PORT = 47_300;
  /** Twice the port-scan detector's 15-port threshold. */
  static final int PORTS = 30;

  private LoopbackScan() {}

  static void run(String scanner, String victim) {
    for (int port = FIRST_PORT; port < FIRST_PORT + PORTS; port++) {
      try (Socket s = new Socket()) {
        s.bind(new InetSocketAddress(scanner, 0));
        s.connect(new InetSocketAddress(victim, port), 1_000);
      } catch (IOException refused) {
        // expected: nobody listens there
      }
    }
  }
}
