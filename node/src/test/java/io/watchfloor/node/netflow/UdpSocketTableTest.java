package io.watchfloor.node.netflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /proc/net/udp and udp6 as a Debian 12 machine wrote them (Python sockets: one on 127.0.0.1 with a
 * 2 KiB receive buffer flooded with 500 datagrams, one on ::1, two on the wildcard address).
 */
class UdpSocketTableTest {
  @TempDir Path proc;

  private static String fixture(String name) throws IOException {
    try (InputStream in = UdpSocketTableTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void shouldReadPortInodeAndDropsOfIpv4Sockets() throws Exception {
    assertThat(UdpSocketTable.parse(fixture("proc-net-udp.txt"))).containsExactly(
        new UdpSocketTable.Socket(48936, 357091, 497),
        new UdpSocketTable.Socket(43716, 357094, 0),
        new UdpSocketTable.Socket(44962, 357093, 0));
  }

  @Test
  void shouldReadIpv6Sockets() throws Exception {
    assertThat(UdpSocketTable.parse(fixture("proc-net-udp6.txt"))).containsExactly(
        new UdpSocketTable.Socket(50901, 357092, 0),
        new UdpSocketTable.Socket(42653, 357095, 0));
  }

  @Test
  void shouldSkipTheHeaderAndEmptyText() {
    assertThat(UdpSocketTable.parse("   sl  local_address rem_address   st tx_queue rx_queue tr tm->when"
        + " retrnsmt   uid  timeout inode ref pointer drops\n")).isEmpty();
    assertThat(UdpSocketTable.parse("")).isEmpty();
  }

  @Test
  void shouldSkipACutLine() {
    assertThat(UdpSocketTable.parse(" 1951: 0100007F:BF28 00000000:0000 07 00000000:00000F00")).isEmpty();
  }

  @Test
  void shouldSkipALineWithFieldsThatAreNotNumbers() {
    assertThat(UdpSocketTable.parse(" 1951: 0100007F:ZZZZ 00000000:0000 07 00000000:00000F00 00:00000000"
        + " 00000000     0        0 357091 2 00000000a71c2729 497")).isEmpty();
    assertThat(UdpSocketTable.parse(" 1951: 0100007F:BF28 00000000:0000 07 00000000:00000F00 00:00000000"
        + " 00000000     0        0 357091 2 00000000a71c2729 many")).isEmpty();
  }

  @Test
  void shouldCountTheDropsOfTheSocketOnThePort() throws Exception {
    Files.createDirectories(proc.resolve("net"));
    Files.writeString(proc.resolve("net/udp"), fixture("proc-net-udp.txt"));
    Files.writeString(proc.resolve("net/udp6"), fixture("proc-net-udp6.txt"));

    assertThat(new UdpKernelDrops(48936, proc).read()).isEqualTo(497);
    assertThat(new UdpKernelDrops(50901, proc).read()).isZero();
  }

  @Test
  void shouldCountOnlyThisProcessSocketWhenAnotherSharesThePort() throws Exception {
    Files.createDirectories(proc.resolve("net"));
    Files.createDirectories(proc.resolve("self/fd"));
    // SO_REUSEPORT: two sockets on port 2055; this process holds the one with inode 2002
    Files.writeString(proc.resolve("net/udp"), """
           sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
          10: 00000000:0807 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2001 2 00000000a71c2729 40
          11: 00000000:0807 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2002 2 00000000a71c2730 3
        """);
    Files.createSymbolicLink(proc.resolve("self/fd/7"), Path.of("socket:[2002]"));
    Files.createSymbolicLink(proc.resolve("self/fd/8"), Path.of("/dev/null"));

    assertThat(new UdpKernelDrops(2055, proc).read()).isEqualTo(3);
  }

  @Test
  void shouldCountNothingWithoutProc() {
    assertThat(new UdpKernelDrops(2055, proc.resolve("missing")).read()).isZero();
  }
}
