package io.watchfloor.loadtest;

import io.watchfloor.loadtest.PacketSchedule.Packet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The ingest benchmark capture: millions of packets of a busy site, about one flow (bidirectional
 * 5-tuple) per {@value #PACKETS_PER_FLOW_TARGET} packets and about {@value #HOSTS} hosts.
 *
 * <p>Flows start as a Poisson process; each flow is generated whole when it starts (a few to a
 * few thousand packets) and the flows in progress are merged by timestamp through a heap, so
 * memory holds only the flows in progress, never the whole capture. Everything derives from one
 * seed: the same seed and packet count give a byte-identical file.
 *
 * <p>Mix (share of flows): DNS lookups over UDP (35 %, one query and one answer, 1 % unanswered),
 * ICMP echo (3 %), HTTP/1.1 keep-alive on port 80 (19 %), HTTPS with a TLS 1.3 handshake to
 * external sites (23 %), interactive sessions on ports 22/5432/6379 (15 %, many small exchanges),
 * bulk downloads on 443/445 (3.5 %, lognormal sizes, median 250 kB, up to 20 MB) and refused
 * connections (SYN, RST/ACK; 1.5 %). Server data is ACKed every second segment.
 */
public final class BenchTraffic {

  public static final long DEFAULT_SEED = 20261121L;
  public static final long DEFAULT_PACKETS = 5_000_000L;
  public static final Instant START = Instant.parse("2026-11-02T14:00:00Z");
  static final int PACKETS_PER_FLOW_TARGET = 100;
  /** Internal clients 10.1.0.0/16, internal servers 10.0.0.0/24, external servers, resolvers. */
  static final int CLIENTS = 1_800;
  static final int INTERNAL_SERVERS = 100;
  static final int EXTERNAL_SERVERS = 96;
  static final int RESOLVERS = 4;
  static final int HOSTS = CLIENTS + INTERNAL_SERVERS + EXTERNAL_SERVERS + RESOLVERS;
  /** Mean flow arrival rate: 50 k flows then span about four minutes. */
  static final double FLOWS_PER_SECOND = 200.0;

  private static final long MICROS = 1_000_000L;
  private static final int EPHEMERAL_FIRST = 32768;
  private static final int POOL_SIZE = 1 << 22;
  private static final int MAX_BULK = 20 << 20;
  private static final int MAX_OBJECT = 1 << 20;
  private static final String[] NAMES = {
      "www", "cdn", "api", "mail", "login", "static", "updates", "docs", "img", "telemetry"};
  private static final String[] DOMAINS = {
      "example.com", "example.net", "example.org", "corp.example", "cloud.example.com"};
  private static final String[] PATHS = {
      "/", "/index.html", "/api/v2/items?page=3", "/static/app.3f9c.js", "/img/logo.png",
      "/wiki/Runbooks/Incident", "/reports/q3.pdf", "/healthz"};
  private static final int[] INTERACTIVE_PORTS = {22, 5432, 6379};

  private final long seed;
  private final long packetLimit;

  /** Packets of pseudo-random bytes, sliced for payloads (encrypted data, bodies). */
  private final byte[] pool;
  private final byte[] textPool;

  public BenchTraffic(long seed, long packets) {
    if (packets < 1) {
      throw new IllegalArgumentException("packet count must be >= 1, found " + packets);
    }
    this.seed = seed;
    this.packetLimit = packets;
    SplittableRandom r = new SplittableRandom(seed ^ 0x5eedL);
    pool = new byte[POOL_SIZE];
    for (int i = 0; i < pool.length; i += 8) {
      long v = r.nextLong();
      for (int k = 0; k < 8; k++) {
        pool[i + k] = (byte) (v >>> (8 * k));
      }
    }
    textPool = new byte[POOL_SIZE];
    for (int i = 0; i < textPool.length; i++) {
      textPool[i] = (byte) ('a' + ((pool[i] & 0xff) % 26));
    }
  }

  /** What {@link #writePcap} wrote. */
  public record Summary(long packets, long flows, long bytes, int hosts, long firstMicros,
      long lastMicros) {}

  /** Writes exactly the requested number of packets in timestamp order. */
  public Summary writePcap(Path pcap) throws IOException {
    SplittableRandom master = new SplittableRandom(seed);
    PriorityQueue<Flow> active = new PriorityQueue<>();
    int[] nextPort = new int[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
      nextPort[i] = EPHEMERAL_FIRST + master.nextInt(20_000);
    }
    long startMicros = START.getEpochSecond() * MICROS;
    double arrival = startMicros;
    long scheduled = 0;
    long flows = 0;
    long bytes = 0;
    long first = -1;
    long last = 0;
    FrameBuilder frames = new FrameBuilder();
    PacketSchedule schedule = new PacketSchedule();
    Set<Integer> hosts = new HashSet<>();
    try (PcapWriter writer = PcapWriter.create(pcap)) {
      while (writer.packets() < packetLimit) {
        long nextArrival = (long) arrival;
        if (scheduled < packetLimit && (active.isEmpty() || active.peek().nextTime() > nextArrival)) {
          int client = master.nextInt(CLIENTS);
          int port = nextPort[client];
          nextPort[client] = port == 60999 ? EPHEMERAL_FIRST : port + 1;
          new FlowGenerator(schedule, master.split(), nextArrival, clientAddress(client), port)
              .generate(master.nextDouble());
          Flow flow = new Flow(schedule.drainSorted(), flows++);
          hosts.add(flow.packets.get(0).srcIp());
          hosts.add(flow.packets.get(0).dstIp());
          scheduled += flow.packets.size();
          active.add(flow);
          arrival += -Math.log(1.0 - master.nextDouble()) * MICROS / FLOWS_PER_SECOND;
          continue;
        }
        Flow flow = active.poll();
        Packet p = flow.packets.get(flow.next++);
        int length = PacketSchedule.build(frames, p);
        writer.writePacket(p.tsMicros(), frames.frame(), length);
        bytes += length;
        last = p.tsMicros();
        if (first < 0) {
          first = last;
        }
        if (flow.next < flow.packets.size()) {
          active.add(flow);
        }
      }
      return new Summary(writer.packets(), flows, bytes, hosts.size(), first, last);
    }
  }

  /** One flow's packets in time order and the index of the next one to write. */
  private static final class Flow implements Comparable<Flow> {
    final List<Packet> packets;
    final long id;
    int next;

    Flow(List<Packet> packets, long id) {
      this.packets = packets;
      this.id = id;
    }

    long nextTime() {
      return packets.get(next).tsMicros();
    }

    @Override
    public int compareTo(Flow o) {
      int c = Long.compare(nextTime(), o.nextTime());
      return c != 0 ? c : Long.compare(id, o.id);
    }
  }

  static int clientAddress(int i) {
    return Ipv4.parse("10.1.0.0") + ((i / 250) << 8) + (i % 250) + 1;
  }

  static int internalServer(int i) {
    return Ipv4.parse("10.0.0.10") + i;
  }

  static int externalServer(int i) {
    return (i % 2 == 0 ? Ipv4.parse("203.0.113.1") : Ipv4.parse("198.51.100.1")) + i / 2;
  }

  static int resolver(int i) {
    return Ipv4.parse("10.0.0.2") + i;
  }

  /** Builds one flow into the schedule; all randomness from its own generator. */
  private final class FlowGenerator {
    private final PacketSchedule schedule;
    private final SplittableRandom r;
    private final long t;
    private final int client;
    private final int port;

    FlowGenerator(PacketSchedule schedule, SplittableRandom r, long t, int client, int port) {
      this.schedule = schedule;
      this.r = r;
      this.t = t;
      this.client = client;
      this.port = port;
    }

    void generate(double kind) {
      if (kind < 0.35) {
        dns();
      } else if (kind < 0.38) {
        ping();
      } else if (kind < 0.57) {
        http();
      } else if (kind < 0.80) {
        https();
      } else if (kind < 0.95) {
        interactive();
      } else if (kind < 0.985) {
        bulk();
      } else {
        refused();
      }
    }

    private String hostName() {
      return NAMES[r.nextInt(NAMES.length)] + "." + DOMAINS[r.nextInt(DOMAINS.length)];
    }

    private void dns() {
      String name = hostName();
      int server = resolver(r.nextInt(RESOLVERS));
      int id = r.nextInt(1 << 16);
      schedule.udp(t, client, port, server, 53, ApplicationPayloads.dnsQuery(id, name));
      if (r.nextDouble() >= 0.01) {
        int answer = externalServer(r.nextInt(EXTERNAL_SERVERS));
        schedule.udp(t + 200 + r.nextLong(20_000), server, 53, client, port,
            ApplicationPayloads.dnsResponse(id, name, answer));
      }
    }

    private void ping() {
      boolean external = r.nextBoolean();
      int target = external ? externalServer(r.nextInt(EXTERNAL_SERVERS))
          : internalServer(r.nextInt(INTERNAL_SERVERS));
      long rtt = external ? 10_000 + r.nextLong(60_000) : 100 + r.nextLong(500);
      int count = 1 + r.nextInt(10);
      int id = port; // ICMP "flows" keyed by identifier, like ping's pid
      int size = 56;
      long at = t;
      for (int seq = 1; seq <= count; seq++) {
        int offset = r.nextInt(POOL_SIZE - size);
        int rest = (id << 16) | seq;
        schedule.icmp(at, client, target, 8, 0, rest, pool, offset, size);
        schedule.icmp(at + rtt, target, client, 0, 0, rest, pool, offset, size);
        at += MICROS;
      }
    }

    private TcpConversation conversation(int server, int serverPort, long halfRtt, long gap) {
      return new TcpConversation(schedule, client, port, server, serverPort,
          r.nextLong(1L << 32), r.nextLong(1L << 32), halfRtt, gap);
    }

    /** Lognormal size with the given median, capped. */
    private int size(double median, double sigma, int min, int max) {
      double v = median * Math.exp(sigma * gaussian());
      return (int) Math.max(min, Math.min(max, v));
    }

    private double gaussian() {
      // Box-Muller from SplittableRandom, deterministic per flow.
      double u1 = 1.0 - r.nextDouble();
      double u2 = r.nextDouble();
      return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private void http() {
      int server = internalServer(r.nextInt(INTERNAL_SERVERS));
      TcpConversation c = conversation(server, 80, 100 + r.nextLong(400), 12);
      long at = c.handshake(t);
      String host = "intranet-" + (server & 0xff) + ".corp.example";
      int requests = 1 + r.nextInt(5);
      for (int i = 0; i < requests; i++) {
        at = c.clientSends(at + 50 + r.nextLong(20_000),
            ApplicationPayloads.httpRequest(host, PATHS[r.nextInt(PATHS.length)]));
        int body = size(6_000, 1.2, 200, MAX_OBJECT);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] response = Arrays.copyOf(head, head.length + body);
        System.arraycopy(textPool, r.nextInt(POOL_SIZE - body), response, head.length, body);
        at = c.serverStreams(at, 300 + r.nextLong(5_000), response, 0, response.length, 2);
        at = c.clientAcks(at + 100);
      }
      c.clientCloses(at + 1_000 + r.nextLong(200_000));
    }

    private void https() {
      int site = r.nextInt(EXTERNAL_SERVERS);
      TcpConversation c = conversation(externalServer(site), 443, 5_000 + r.nextLong(35_000), 80);
      long at = c.handshake(t);
      at = c.clientSends(at + 200, ApplicationPayloads.tlsClientHello(hostName(), r));
      at = c.serverSends(at, 500 + r.nextLong(5_000),
          ApplicationPayloads.tlsServerFlight(1_800 + r.nextInt(1_500), r));
      at = c.clientSends(at + 500,
          ApplicationPayloads.tlsClientFinishedAndRequest(100 + r.nextInt(600), r));
      int exchanges = 1 + r.nextInt(6);
      for (int i = 0; i < exchanges; i++) {
        if (i > 0) {
          at = c.clientSends(at + 1_000 + r.nextLong(500_000), tlsRecords(80 + r.nextInt(900)));
        }
        byte[] response = tlsRecords(size(9_000, 1.3, 100, MAX_OBJECT));
        at = c.serverStreams(at, 1_000 + r.nextLong(30_000), response, 0, response.length, 2);
        at = c.clientAcks(at + 200);
      }
      c.clientCloses(at + 10_000 + r.nextLong(1_000_000));
    }

    private void interactive() {
      int serverPort = INTERACTIVE_PORTS[r.nextInt(INTERACTIVE_PORTS.length)];
      TcpConversation c = conversation(internalServer(r.nextInt(INTERNAL_SERVERS)), serverPort,
          100 + r.nextLong(300), 10);
      long at = c.handshake(t);
      int exchanges = 5 + r.nextInt(220);
      for (int i = 0; i < exchanges; i++) {
        at += 2_000 + r.nextLong(300_000);
        int request = 20 + r.nextInt(300);
        at = c.clientSends(at, pool, r.nextInt(POOL_SIZE - request), request);
        int response = size(300, 1.0, 20, 6_000);
        at = c.serverStreams(at, 50 + r.nextLong(3_000), pool, r.nextInt(POOL_SIZE - response),
            response, 2);
        if (r.nextBoolean()) {
          at = c.clientAcks(at + 40 + r.nextLong(200));
        }
      }
      c.clientCloses(at + 1_000 + r.nextLong(100_000));
    }

    private void bulk() {
      boolean smb = r.nextBoolean();
      int server = smb ? internalServer(r.nextInt(INTERNAL_SERVERS))
          : externalServer(r.nextInt(EXTERNAL_SERVERS));
      TcpConversation c = smb
          ? conversation(server, 445, 100 + r.nextLong(300), 12)
          : conversation(server, 443, 3_000 + r.nextLong(20_000), 40);
      long at = c.handshake(t);
      at = c.clientSends(at + 100, pool, r.nextInt(POOL_SIZE - 600), 150 + r.nextInt(400));
      int total = size(250_000, 1.1, 20_000, MAX_BULK);
      // Slices of at most the pool size; each is one send, ACK-clocked by the client.
      for (int left = total; left > 0; ) {
        int part = Math.min(left, POOL_SIZE / 2);
        at = c.serverStreams(at, 0, pool, r.nextInt(POOL_SIZE - part), part, 2);
        left -= part;
      }
      at = c.clientAcks(at + 100);
      c.clientCloses(at + 1_000 + r.nextLong(50_000));
    }

    private void refused() {
      boolean external = r.nextBoolean();
      int server = external ? externalServer(r.nextInt(EXTERNAL_SERVERS))
          : internalServer(r.nextInt(INTERNAL_SERVERS));
      conversation(server, 1 + r.nextInt(1024), external ? 10_000 : 200, 0).refused(t);
    }

    /** TLS 1.3 application data records (RFC 8446 §5.2) carrying pool bytes. */
    private byte[] tlsRecords(int length) {
      int records = (length + 16_383) / 16_384;
      byte[] out = new byte[length + 5 * records];
      int p = 0;
      for (int left = length; left > 0; ) {
        int part = Math.min(left, 16_384);
        out[p] = 0x17;
        out[p + 1] = 0x03;
        out[p + 2] = 0x03;
        out[p + 3] = (byte) (part >>> 8);
        out[p + 4] = (byte) part;
        System.arraycopy(pool, r.nextInt(POOL_SIZE - part), out, p + 5, part);
        p += 5 + part;
        left -= part;
      }
      return out;
    }
  }
}
