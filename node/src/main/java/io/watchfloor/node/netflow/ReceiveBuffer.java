package io.watchfloor.node.netflow;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the kernel makes of a requested UDP receive buffer. Pekko's UDP listener does not expose its
 * socket, so an unbound probe socket asks for the same size: Linux caps the request at
 * {@code net.core.rmem_max} (and keeps twice the granted size, half of it for its bookkeeping; Java
 * reports the granted size itself).
 */
final class ReceiveBuffer {
  private static final Logger log = LoggerFactory.getLogger(ReceiveBuffer.class);

  private ReceiveBuffer() {}

  /** The receive buffer a UDP socket asking for {@code requestedBytes} gets, or -1 if unknown. */
  static int granted(int requestedBytes) {
    try (DatagramSocket probe = new DatagramSocket((SocketAddress) null)) {
      probe.setReceiveBufferSize(requestedBytes);
      return probe.getReceiveBufferSize();
    } catch (SocketException e) {
      return -1;
    }
  }

  static void logGranted(InetSocketAddress bound, int requestedBytes) {
    int granted = granted(requestedBytes);
    if (granted >= 0 && granted < requestedBytes) {
      log.warn("NetFlow collector on {}: receive buffer {} bytes asked for, the kernel grants {} (raise"
          + " net.core.rmem_max, e.g. sysctl -w net.core.rmem_max={}, or datagrams of bursts are dropped)",
          bound, requestedBytes, granted, requestedBytes);
    } else {
      log.info("NetFlow collector on {}: receive buffer {} bytes asked for, the kernel grants {}",
          bound, requestedBytes, granted);
    }
  }
}
