package io.watchfloor.loadtest.synth;

import io.watchfloor.loadtest.Ipv4;
import io.watchfloor.protocol.decode.TcpFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The packet shapes of the injected attacks, one factory per category. Attack infrastructure on the
 * Internet (C2, drop servers, flooders) comes from 198.18.0.0/15 (RFC 2544), which no benign session
 * uses, so every attack packet is between its attacker and one of its targets and nothing else is.
 */
final class AttackKinds {

  private static final long MICROS = 1_000_000L;
  private static final int EPHEMERAL_FIRST = 49152;
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final char[] BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  static final int BEACON_PERIOD_SECONDS = 60;
  static final int BEACONS = 40;

  private final DataPool pool;

  AttackKinds(DataPool pool) {
    this.pool = pool;
  }

  /** Vertical SYN scan (nmap -sS): ports 1-1024 of one host in ~20 s; 135/139/445 are open. */
  Attack portScan(int attacker, int victim, long start, SplittableRandom r) {
    return new Attack("port_scan", "port_scan", attacker, List.of(victim), start, r, (out, t, rr) -> {
      int srcPort = EPHEMERAL_FIRST + rr.nextInt(10_000);
      long at = t;
      for (int port : shuffled(1024, rr)) {
        long seq = rr.nextLong(1L << 32);
        out.tcp(at, attacker, srcPort, victim, port, seq, 0, TcpFlags.SYN);
        long reply = at + 150 + rr.nextLong(300);
        if (port == 135 || port == 139 || port == 445) {
          out.tcp(reply, victim, port, attacker, srcPort, rr.nextLong(1L << 32), seq + 1,
              TcpFlags.SYN | TcpFlags.ACK);
          out.tcp(reply + 40, attacker, srcPort, victim, port, seq + 1, 0, TcpFlags.RST);
        } else {
          out.tcp(reply, victim, port, attacker, srcPort, 0, seq + 1, TcpFlags.RST | TcpFlags.ACK);
        }
        at += 10_000 + rr.nextLong(20_000);
      }
      return SessionSource.DONE;
    });
  }

  /** SYN flood: ~1,500 SYN/s for 20 s from random ports to a web server; it answers its backlog. */
  Attack synFlood(int attacker, int victim, long start, SplittableRandom r) {
    return new Attack("syn_flood", "flood", attacker, List.of(victim), start, r, (out, t, rr) -> {
      int backlog = 256;
      long at = t;
      for (int i = 0; i < 30_000; i++) {
        int srcPort = 1024 + rr.nextInt(64_000);
        long seq = rr.nextLong(1L << 32);
        out.tcp(at, attacker, srcPort, victim, 80, seq, 0, TcpFlags.SYN);
        if (i < backlog) {
          out.tcp(at + 300, victim, 80, attacker, srcPort, rr.nextLong(1L << 32), seq + 1,
              TcpFlags.SYN | TcpFlags.ACK);
        }
        at += 300 + rr.nextLong(734);
      }
      return SessionSource.DONE;
    });
  }

  /** Exfiltration: 30 MB uploaded over TLS to an external drop server in ~20 s. */
  Attack exfiltration(int attacker, int drop, long start, SplittableRandom r) {
    return new Attack("exfiltration", "exfiltration", attacker, List.of(drop), start, r,
        (out, t, rr) -> upload(out, t, rr, attacker, drop, "sync.files-backup.example",
            30 << 20, 1_000));
  }

  /**
   * A large upload at night from a laptop that is normally off then: in bulk (200 MB at ~3 MB/s,
   * about a minute) or low and slow (20 MB over ~5 min).
   */
  Attack offHours(int attacker, int drop, long start, SplittableRandom r, boolean bulk) {
    return new Attack(bulk ? "off_hours_bulk_transfer" : "off_hours_slow_transfer", "off_hours",
        attacker, List.of(drop), start, r,
        (out, t, rr) -> upload(out, t, rr, attacker, drop, "archive.storage-eu.example",
            bulk ? 200 << 20 : 20 << 20, bulk ? 500 : 20_000));
  }

  private long upload(SessionPackets out, long t, SplittableRandom r, int client, int server,
      String sni, int bytes, long segmentGap) {
    TcpExchange c = new TcpExchange(out, client, EPHEMERAL_FIRST + r.nextInt(10_000), server, 443,
        r.nextLong(1L << 32), r.nextLong(1L << 32), 8_000 + r.nextLong(10_000), segmentGap);
    long at = c.handshake(t);
    at = c.clientSends(at + 200, Payloads.tlsClientHello(sni, r));
    at = c.serverSends(at, Payloads.tlsServerFlight(2_500, r));
    for (int left = bytes; left > 0; ) {
      int part = Math.min(left, DataPool.SIZE / 2);
      at = c.clientSends(at + segmentGap, pool.bytes(), pool.offset(r, part), part);
      left -= part;
    }
    at = c.serverSends(at, Payloads.tlsData(40, r));
    c.clientCloses(at + 1_000);
    return SessionSource.DONE;
  }

  /** Beaconing: a small HTTPS check-in to one C2 every 60 s ± 10 %, {@value #BEACONS} times. */
  Attack beaconing(int attacker, int c2, long start, SplittableRandom r) {
    int[] left = {BEACONS};
    String sni = randomLabel(r, 10) + ".cloudfront-cdn.example";
    return new Attack("beaconing", "beaconing", attacker, List.of(c2), start, r, (out, t, rr) -> {
      TcpExchange c = new TcpExchange(out, attacker, EPHEMERAL_FIRST + rr.nextInt(16_000), c2, 443,
          rr.nextLong(1L << 32), rr.nextLong(1L << 32), 20_000 + rr.nextLong(5_000), 50);
      long at = c.handshake(t);
      at = c.clientSends(at + 200, Payloads.tlsClientHello(sni, rr));
      at = c.serverSends(at, Payloads.tlsServerFlight(1_200, rr));
      at = c.clientSends(at + 300, Payloads.tlsData(180 + rr.nextInt(40), rr));
      at = c.serverSends(at, Payloads.tlsData(120 + rr.nextInt(40), rr));
      c.clientCloses(at + 500);
      if (--left[0] == 0) {
        return SessionSource.DONE;
      }
      long period = BEACON_PERIOD_SECONDS * MICROS;
      return t + period - period / 10 + rr.nextLong(period / 5);
    });
  }

  /**
   * Lateral movement: one workstation opens admin sessions to {@code victims} within ~20 s, each on
   * SMB (445), RDP (3389), WinRM (5985) or SSH (22), and does some work on each.
   */
  Attack lateralMovement(int attacker, List<Integer> victims, long start, SplittableRandom r) {
    return new Attack("lateral_movement", "lateral_movement", attacker, victims, start, r,
        (out, t, rr) -> {
          long at = t;
          for (int victim : victims) {
            adminSession(out, at, rr, attacker, victim, rr.nextInt(4));
            at += 300_000 + rr.nextLong(1_400_000);
          }
          return SessionSource.DONE;
        });
  }

  private void adminSession(SessionPackets out, long t, SplittableRandom r, int client, int server,
      int kind) {
    int[] ports = {445, 3389, 5985, 22};
    TcpExchange c = new TcpExchange(out, client, EPHEMERAL_FIRST + r.nextInt(16_000), server,
        ports[kind], r.nextLong(1L << 32), r.nextLong(1L << 32), 150 + r.nextLong(200), 15);
    long at = c.handshake(t);
    switch (kind) {
      case 0 -> {
        at = c.clientSends(at + 100, Payloads.smb2Negotiate(false, r));
        at = c.serverSends(at, Payloads.smb2Negotiate(true, r));
      }
      case 1 -> {
        at = c.clientSends(at + 100, Payloads.rdpConnectionRequest("administrator"));
        at = c.serverSends(at, pool.bytes(), pool.offset(r, 19), 19);
      }
      case 2 -> at = c.clientSends(at + 100, Payloads.winrmPost(Ipv4.format(server), 2_400));
      default -> {
        at = c.clientSends(at + 100, Payloads.sshBanner("OpenSSH_8.9p1"));
        at = c.serverSends(at, Payloads.sshBanner("OpenSSH_9.2p1 Debian-2+deb12u3"));
      }
    }
    int tool = 20_000 + r.nextInt(40_000); // a service binary, a script, a payload
    at = c.clientSends(at + 1_000, pool.bytes(), pool.offset(r, tool), tool);
    at = c.serverSends(at, pool.bytes(), pool.offset(r, 600), 600);
    c.clientCloses(at + 20_000);
  }

  /** DNS tunnelling: 250 TXT queries of long base32 subdomains of one domain in ~150 s. */
  Attack dnsTunnel(int attacker, int server, long start, SplittableRandom r) {
    String domain = randomLabel(r, 8) + ".net";
    return new Attack("dns_tunnel", "dns_tunneling", attacker, List.of(server), start, r,
        (out, t, rr) -> {
          int port = EPHEMERAL_FIRST + rr.nextInt(16_000);
          long at = t;
          for (int i = 0; i < 250; i++) {
            String name = randomLabel(rr, 52) + "." + randomLabel(rr, 12) + "." + i + ".t." + domain;
            int id = rr.nextInt(1 << 16);
            out.udp(at, attacker, port, server, 53, Payloads.dnsQuery(id, name, Payloads.DNS_TYPE_TXT));
            StringBuilder txt = new StringBuilder();
            for (int k = 120 + rr.nextInt(100); k > 0; k--) {
              txt.append(BASE64[rr.nextInt(BASE64.length)]);
            }
            out.udp(at + 20_000 + rr.nextLong(30_000), server, 53, attacker, port,
                Payloads.dnsAnswerTxt(id, name, txt.toString()));
            at += 300_000 + rr.nextLong(600_000);
          }
          return SessionSource.DONE;
        });
  }

  /** Port/protocol mismatch: SSH to port 443, or (odd instances) HTTP to 4444, of an external host. */
  Attack protocolMismatch(int attacker, int server, long start, SplittableRandom r, boolean http) {
    String category = http ? "http_on_4444" : "ssh_on_443";
    return new Attack(category, "port_protocol_mismatch", attacker, List.of(server), start, r,
        (out, t, rr) -> {
          TcpExchange c = new TcpExchange(out, attacker, EPHEMERAL_FIRST + rr.nextInt(16_000),
              server, http ? 4444 : 443, rr.nextLong(1L << 32), rr.nextLong(1L << 32),
              10_000 + rr.nextLong(20_000), 40);
          long at = c.handshake(t);
          if (http) {
            at = c.clientSends(at + 100, Payloads.httpGet(Ipv4.format(server) + ":4444",
                "/" + randomLabel(rr, 6) + ".bin", "Wget/1.21.3"));
            at = c.serverSends(at, Payloads.httpResponse(70_000, "application/octet-stream", rr));
          } else {
            at = c.clientSends(at + 100, Payloads.sshBanner("OpenSSH_8.9p1"));
            at = c.serverSends(at, Payloads.sshBanner("OpenSSH_7.4"));
            for (int i = 0; i < 20; i++) {
              at = c.clientSends(at + 200_000 + rr.nextLong(800_000), pool.bytes(),
                  pool.offset(rr, 52), 52);
              int screen = 100 + rr.nextInt(600);
              at = c.serverSends(at, pool.bytes(), pool.offset(rr, screen), screen);
            }
          }
          c.clientCloses(at + 1_000);
          return SessionSource.DONE;
        });
  }

  /** Malformed packets: 12 damaged TCP/UDP packets to one internal host within ~5 s. */
  Attack malformed(int attacker, int victim, long start, SplittableRandom r) {
    return new Attack("malformed_packets", "malformed_packet", attacker, List.of(victim), start, r,
        (out, t, rr) -> {
          SynthPacket.Damage[] kinds = {SynthPacket.Damage.TCP_HEADER_LENGTH,
              SynthPacket.Damage.IPV4_CHECKSUM, SynthPacket.Damage.UDP_LENGTH};
          long at = t;
          for (int i = 0; i < 12; i++) {
            SynthPacket.Damage damage = kinds[i % kinds.length];
            boolean udp = damage == SynthPacket.Damage.UDP_LENGTH;
            out.add(new SynthPacket(at, udp ? SynthPacket.UDP : SynthPacket.TCP, attacker, victim,
                EPHEMERAL_FIRST + rr.nextInt(16_000), udp ? 161 : 80, rr.nextLong(1L << 32), 0,
                TcpFlags.SYN, pool.bytes(), pool.offset(rr, 32), udp ? 32 : 0, damage));
            at += 100_000 + rr.nextLong(400_000);
          }
          return SessionSource.DONE;
        });
  }

  private static int[] shuffled(int n, SplittableRandom r) {
    int[] ports = new int[n];
    for (int i = 0; i < n; i++) {
      ports[i] = i + 1;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int swap = ports[i];
      ports[i] = ports[j];
      ports[j] = swap;
    }
    return ports;
  }

  static String randomLabel(SplittableRandom r, int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = BASE32[r.nextInt(BASE32.length)];
    }
    return new String(c);
  }

  /** Distinct elements of {@code from}, in random order. */
  static List<Integer> sample(List<Integer> from, int count, SplittableRandom r) {
    List<Integer> copy = new ArrayList<>(from);
    List<Integer> out = new ArrayList<>(count);
    for (int i = 0; i < count && !copy.isEmpty(); i++) {
      out.add(copy.remove(r.nextInt(copy.size())));
    }
    return out;
  }
}
