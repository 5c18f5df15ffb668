package io.watchfloor.loadtest;

import io.watchfloor.protocol.decode.TcpFlags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo capture: 30 minutes of an office segment (DNS, intranet HTTP, external HTTPS) with two
 * port-scan attacks injected at known times. Everything derives from one seed, so the same seed
 * gives a byte-identical pcap and the labels stay true across runs.
 */
public final class DemoTraffic {

  public static final long DEFAULT_SEED = 20240506L;
  public static final Instant START = Instant.parse("2024-05-06T09:00:00Z");
  public static final Duration LENGTH = Duration.ofMinutes(30);
  public static final String EXPECTED_DETECTOR = "port_scan";

  static final int FIRST_CLIENT = Ipv4.parse("10.0.0.10");
  static final int CLIENT_COUNT = 20;
  static final int DNS_SERVER = Ipv4.parse("10.0.0.2");
  static final int WEB_SERVER = Ipv4.parse("10.0.0.3");
  static final String WEB_SERVER_NAME = "intranet.corp.example";
  static final int SCANNER = Ipv4.parse("10.0.0.66");
  static final int SWEEPER = Ipv4.parse("10.0.0.67");
  static final int SWEEP_FIRST_TARGET = Ipv4.parse("10.0.1.1");
  static final int SWEEP_TARGETS = 40;
  static final int SWEEP_PORT = 445;
  static final int SCAN_LAST_PORT = 1024;
  static final Duration SCAN_AT = Duration.ofMinutes(20);
  static final Duration SCAN_LENGTH = Duration.ofSeconds(20);
  static final Duration SWEEP_AT = Duration.ofMinutes(25);
  static final Duration SWEEP_LENGTH = Duration.ofSeconds(6);

  private static final String[] EXTERNAL_NAMES = {
      "www.example.com", "cdn.example.net", "mail.example.org", "api.example.com",
      "updates.example.net", "docs.example.org", "login.example.com"};
  private static final int[] EXTERNAL_ADDRESSES = {
      Ipv4.parse("203.0.113.10"), Ipv4.parse("203.0.113.25"), Ipv4.parse("203.0.113.80"),
      Ipv4.parse("203.0.113.142"), Ipv4.parse("198.51.100.7"), Ipv4.parse("198.51.100.33"),
      Ipv4.parse("198.51.100.120")};
  private static final String[] WEB_PATHS = {
      "/", "/index.html", "/wiki/Onboarding", "/tickets?status=open", "/static/app.js",
      "/api/v1/me", "/reports/weekly.pdf"};
  private static final long MICROS = 1_000_000L;
  private static final int EPHEMERAL_FIRST = 49152;

  private final SplittableRandom random;
  private final PacketSchedule schedule = new PacketSchedule();
  private final List<AttackLabel> labels = new ArrayList<>();
  private final long startMicros = micros(START);
  private final long endMicros = startMicros + LENGTH.toSeconds() * MICROS;

  /** Generates the whole scenario in memory; nothing is written yet. */
  public DemoTraffic(long seed) {
    this.random = new SplittableRandom(seed);
    for (int i = 0; i < CLIENT_COUNT; i++) {
      new ClientActivity(FIRST_CLIENT + i, random.split()).run();
    }
    addVerticalScan(random.split());
    addHorizontalSweep(random.split());
  }

  /** Number of packets {@link #writePcap} writes. */
  public int packetCount() {
    return schedule.size();
  }

  /** Ground truth, in the order the attacks happen. */
  public List<AttackLabel> labels() {
    return List.copyOf(labels);
  }

  /** Writes every packet in timestamp order; returns the number written. */
  public long writePcap(Path pcap) throws IOException {
    return schedule.writeTo(pcap);
  }

  /** Writes {@code labels.tsv}: a header row, then one row per attack. */
  public void writeLabels(Path tsv) throws IOException {
    StringBuilder text = new StringBuilder(AttackLabel.TSV_HEADER).append('\n');
    for (AttackLabel label : labels) {
      text.append(label.toTsvRow()).append('\n');
    }
    Files.writeString(tsv, text, StandardCharsets.UTF_8);
  }

  /**
   * Half-open vertical scan (nmap -sS style): one source port, ports 1–1024 in random order. The
   * victim resets closed ports and answers SYN-ACK on 80, which the scanner resets.
   */
  private void addVerticalScan(SplittableRandom r) {
    long t = startMicros + SCAN_AT.toSeconds() * MICROS + r.nextLong(MICROS);
    long first = t;
    long spacing = SCAN_LENGTH.toSeconds() * MICROS / SCAN_LAST_PORT;
    int srcPort = EPHEMERAL_FIRST + r.nextInt(10_000);
    long last = t;
    for (int port : shuffledPorts(r)) {
      long seq = r.nextLong(1L << 32);
      schedule.tcp(t, SCANNER, srcPort, WEB_SERVER, port, seq, 0, TcpFlags.SYN);
      long reply = t + 150 + r.nextLong(300);
      if (port == 80) {
        schedule.tcp(reply, WEB_SERVER, port, SCANNER, srcPort, r.nextLong(1L << 32), seq + 1,
            TcpFlags.SYN | TcpFlags.ACK);
        schedule.tcp(reply + 30, SCANNER, srcPort, WEB_SERVER, port, seq + 1, 0, TcpFlags.RST);
        reply += 30;
      } else {
        schedule.tcp(reply, WEB_SERVER, port, SCANNER, srcPort, 0, seq + 1,
            TcpFlags.RST | TcpFlags.ACK);
      }
      last = Math.max(last, reply);
      t += spacing - spacing / 4 + r.nextLong(spacing / 2);
    }
    labels.add(new AttackLabel("vertical_port_scan", Ipv4.format(SCANNER),
        Ipv4.format(WEB_SERVER), instant(first), instant(last), EXPECTED_DETECTOR));
  }

  private static int[] shuffledPorts(SplittableRandom r) {
    int[] ports = new int[SCAN_LAST_PORT];
    for (int i = 0; i < ports.length; i++) {
      ports[i] = i + 1;
    }
    for (int i = ports.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int swap = ports[i];
      ports[i] = ports[j];
      ports[j] = swap;
    }
    return ports;
  }

  /** Worm-like SMB sweep: one SYN to each of 40 absent hosts, nothing answers. */
  private void addHorizontalSweep(SplittableRandom r) {
    long t = startMicros + SWEEP_AT.toSeconds() * MICROS + r.nextLong(MICROS);
    long first = t;
    long last = t;
    long spacing = SWEEP_LENGTH.toSeconds() * MICROS / SWEEP_TARGETS;
    for (int i = 0; i < SWEEP_TARGETS; i++) {
      schedule.tcp(t, SWEEPER, EPHEMERAL_FIRST + r.nextInt(16_000), SWEEP_FIRST_TARGET + i,
          SWEEP_PORT, r.nextLong(1L << 32), 0, TcpFlags.SYN);
      last = t;
      t += spacing / 2 + r.nextLong(spacing);
    }
    String targets = Ipv4.format(SWEEP_FIRST_TARGET) + "-"
        + Ipv4.format(SWEEP_FIRST_TARGET + SWEEP_TARGETS - 1);
    labels.add(new AttackLabel("horizontal_port_sweep", Ipv4.format(SWEEPER), targets,
        instant(first), instant(last), EXPECTED_DETECTOR));
  }

  /** One workstation: every 5–20 s it browses the intranet or an external HTTPS site. */
  private final class ClientActivity {
    private final int address;
    private final SplittableRandom r;
    private int nextPort;

    ClientActivity(int address, SplittableRandom r) {
      this.address = address;
      this.r = r;
      this.nextPort = EPHEMERAL_FIRST + r.nextInt(8_000);
    }

    void run() {
      long t = startMicros + r.nextLong(10 * MICROS);
      // Leave room for the last connection to close inside the 30 minutes.
      while (t < endMicros - 5 * MICROS) {
        double choice = r.nextDouble();
        if (choice < 0.3) {
          intranet(lookup(t, WEB_SERVER_NAME, WEB_SERVER));
        } else if (choice < 0.65) {
          intranet(t);
        } else {
          int site = r.nextInt(EXTERNAL_ADDRESSES.length);
          https(lookup(t, EXTERNAL_NAMES[site], EXTERNAL_ADDRESSES[site]), site);
        }
        t += thinkTime();
      }
    }

    /**
     * People do not click on a timer: think times are exponential (mean 12 s, at least 1 s), with
     * an occasional longer pause (a call, a meeting, reading), so no client looks like a beacon.
     */
    private long thinkTime() {
      double seconds = 1 + -Math.log(1 - r.nextDouble()) * 11;
      if (r.nextDouble() < 0.1) {
        seconds += 60 + r.nextDouble() * 240;
      }
      return (long) (seconds * MICROS);
    }

    /** A query string of varying length (search terms, ids, session parameters), often none. */
    private String query() {
      int length = r.nextDouble() < 0.4 ? 0 : 4 + r.nextInt(160);
      StringBuilder q = new StringBuilder(length + 3);
      if (length > 0) {
        q.append("?q=");
        for (int i = 0; i < length; i++) {
          q.append((char) ('a' + r.nextInt(26)));
        }
      }
      return q.toString();
    }

    /** A DNS query and its answer; returns when the answer arrived. */
    private long lookup(long t, String name, int answer) {
      int id = r.nextInt(1 << 16);
      int port = port();
      schedule.udp(t, address, port, DNS_SERVER, 53, ApplicationPayloads.dnsQuery(id, name));
      long reply = t + 300 + r.nextLong(2_500);
      schedule.udp(reply, DNS_SERVER, 53, address, port,
          ApplicationPayloads.dnsResponse(id, name, answer));
      return reply + 100 + r.nextLong(400);
    }

    private void intranet(long t) {
      TcpConversation c = conversation(WEB_SERVER, 80, 100 + r.nextLong(300), 15);
      long at = c.handshake(t);
      at = c.clientSends(at + 50, ApplicationPayloads.httpRequest(WEB_SERVER_NAME,
          WEB_PATHS[r.nextInt(WEB_PATHS.length)] + query()));
      at = c.serverSends(at, 500 + r.nextLong(8_000),
          ApplicationPayloads.httpResponse(200 + r.nextInt(3_500), r));
      at = c.clientAcks(at + 200);
      c.clientCloses(at + 5_000 + r.nextLong(300_000));
    }

    private void https(long t, int site) {
      TcpConversation c = conversation(EXTERNAL_ADDRESSES[site], 443,
          8_000 + r.nextLong(30_000), 120);
      long at = c.handshake(t);
      at = c.clientSends(at + 200,
          ApplicationPayloads.tlsClientHello(EXTERNAL_NAMES[site], r));
      at = c.serverSends(at, 1_000 + r.nextLong(5_000),
          ApplicationPayloads.tlsServerFlight(1_800 + r.nextInt(1_200), r));
      at = c.clientSends(at + 1_000,
          ApplicationPayloads.tlsClientFinishedAndRequest(100 + r.nextInt(500), r));
      at = c.serverSends(at, 2_000 + r.nextLong(40_000),
          ApplicationPayloads.tlsApplicationData(300 + r.nextInt(4_000), r));
      at = c.clientAcks(at + 200);
      c.clientCloses(at + 20_000 + r.nextLong(1_000_000));
    }

    private TcpConversation conversation(int server, int serverPort, long halfRtt, long gap) {
      return new TcpConversation(schedule, address, port(), server, serverPort,
          r.nextLong(1L << 32), r.nextLong(1L << 32), halfRtt, gap);
    }

    private int port() {
      int port = nextPort;
      nextPort = nextPort == 65535 ? EPHEMERAL_FIRST : nextPort + 1;
      return port;
    }
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * MICROS + instant.getNano() / 1_000;
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(micros / MICROS, (micros % MICROS) * 1_000);
  }
}
