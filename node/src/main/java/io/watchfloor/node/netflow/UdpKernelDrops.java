package io.watchfloor.node.netflow;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's drop counter of one bound UDP socket: datagrams that arrived while the socket's
 * receive buffer was full, i.e. while the collector fell behind. UDP cannot push back, and the
 * socket itself (inside Pekko's UDP listener) offers no such counter, so it is read from
 * {@code /proc/net/udp} and {@code /proc/net/udp6}. The socket is found by its local port and then,
 * as another process may bind the same port (SO_REUSEPORT), by its inode among this process's file
 * descriptors ({@code /proc/self/fd}), looked up once. Where there is no {@code /proc} (not Linux)
 * the count stays 0.
 */
final class UdpKernelDrops {
  private static final Logger log = LoggerFactory.getLogger(UdpKernelDrops.class);
  private static final Path PROC = Path.of("/proc");
  private static final long UNKNOWN = -1;

  private final int port;
  private final List<Path> tables;
  private final Path ownFds;
  private long inode = UNKNOWN;
  private boolean inodeLookedUp;
  private long last;
  private boolean unreadableLogged;

  /** The socket bound to {@code port} by this process. */
  UdpKernelDrops(int port) {
    this(port, PROC);
  }

  /** @param proc where {@code net/udp}, {@code net/udp6} and {@code self/fd} are (tests: a fixture) */
  UdpKernelDrops(int port, Path proc) {
    this.port = port;
    this.tables = List.of(proc.resolve("net").resolve("udp"), proc.resolve("net").resolve("udp6"));
    this.ownFds = proc.resolve("self").resolve("fd");
  }

  /** Datagrams dropped since the socket was bound; the last value read if the table is unreadable now. */
  synchronized long read() {
    List<UdpSocketTable.Socket> onPort = new ArrayList<>();
    for (Path table : tables) {
      try {
        for (UdpSocketTable.Socket s : UdpSocketTable.parse(Files.readString(table))) {
          if (s.localPort() == port) {
            onPort.add(s);
          }
        }
      } catch (IOException e) {
        if (!unreadableLogged) {
          unreadableLogged = true;
          log.info("Kernel drops of the UDP socket on port {} are not counted: cannot read {} ({})",
              port, table, e.toString());
        }
      }
    }
    if (onPort.isEmpty()) {
      return last;
    }
    if (!inodeLookedUp) {
      inodeLookedUp = true;
      inode = ownInode(onPort.stream().map(UdpSocketTable.Socket::inode).collect(Collectors.toSet()));
    }
    long drops = 0;
    for (UdpSocketTable.Socket s : onPort) {
      if (inode == UNKNOWN || s.inode() == inode) {
        drops += s.drops();
      }
    }
    last = drops;
    return drops;
  }

  /** The one of {@code candidates} that is a socket of this process, or UNKNOWN (then all on the port count). */
  private long ownInode(Set<Long> candidates) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(ownFds)) {
      for (Path fd : fds) {
        long socketInode = socketInode(fd);
        if (candidates.contains(socketInode)) {
          return socketInode;
        }
      }
    } catch (IOException e) {
      log.debug("Cannot list {}: counting the drops of every socket on port {}", ownFds, port, e);
    }
    return UNKNOWN;
  }

  private static long socketInode(Path fd) {
    try {
      String target = Files.readSymbolicLink(fd).toString();
      if (target.startsWith("socket:[") && target.endsWith("]")) {
        return Long.parseLong(target.substring("socket:[".length(), target.length() - 1));
      }
    } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
      // closed meanwhile, or not a link: not our socket
    }
    return UNKNOWN;
  }
}
