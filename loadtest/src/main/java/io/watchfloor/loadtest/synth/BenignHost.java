package io.watchfloor.loadtest.synth;

import java.util.SplittableRandom;

/**
 * One workstation's ordinary traffic. Sessions start as a Poisson process whose rate follows
 * {@link DiurnalProfile} (thinning: candidates at the peak rate, kept with the profile's weight), and
 * an NTP poll every ~17 minutes while the machine is on. Mix of sessions: web over HTTPS to a
 * popular site after a DNS lookup (45 %), intranet HTTP (15 %), DNS lookups alone (14 %), SMB file
 * reads from the host's file server (12 %, median 30 kB), IMAPS mail polls (8 %), and SSH to Linux servers
 * (administrators' workstations only, 6 %; others browse instead).
 */
final class BenignHost implements SessionSource {

  /** Peak session starts per second of one workstation (a busy person: one every ~40 s). */
  static final double PEAK_SESSIONS_PER_SECOND = 1.0 / 40;
  static final long NTP_POLL_MICROS = 1024L * 1_000_000L;
  private static final long MICROS = 1_000_000L;
  private static final int EPHEMERAL_FIRST = 49152;
  private static final String[] PATHS = {
      "/", "/index.html", "/wiki/Onboarding", "/tickets?status=open", "/static/app.3f9c.js",
      "/api/v1/me", "/reports/weekly.pdf", "/wiki/Runbooks/Backup", "/img/logo.png"};
  private static final String USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36";
  private static final String[] SSH_CLIENTS = {"OpenSSH_9.6p1 Ubuntu-3ubuntu13", "PuTTY_Release_0.81"};

  private final int address;
  private final boolean laptop;
  private final boolean admin;
  private final int fileServer;
  private final SplittableRandom r;
  private final DataPool pool;
  private final long endMicros;
  private int nextPort;
  private long nextSession;
  private long nextNtp;

  BenignHost(Site site, int index, SplittableRandom r, DataPool pool, long startMicros,
      long endMicros) {
    this.address = site.workstation(index);
    this.laptop = site.isLaptop(index);
    this.admin = site.isAdmin(index);
    this.fileServer = Site.fileServer(index);
    this.r = r;
    this.pool = pool;
    this.endMicros = endMicros;
    this.nextPort = EPHEMERAL_FIRST + r.nextInt(10_000);
    this.nextSession = nextActive(startMicros, PEAK_SESSIONS_PER_SECOND);
    this.nextNtp = ntpAfter(startMicros + r.nextLong(NTP_POLL_MICROS));
  }

  int address() {
    return address;
  }

  @Override
  public long nextStart() {
    return Math.min(nextSession, nextNtp);
  }

  @Override
  public void emit(SessionPackets out) {
    if (nextNtp <= nextSession) {
      ntp(out, nextNtp);
      nextNtp = ntpAfter(nextNtp + NTP_POLL_MICROS);
      return;
    }
    session(out, nextSession);
    nextSession = nextActive(nextSession, PEAK_SESSIONS_PER_SECOND);
  }

  /** The first poll at or after {@code t} (±2 %) while the machine is on. */
  private long ntpAfter(long t) {
    long jitter = NTP_POLL_MICROS / 50;
    long at = t - jitter + r.nextLong(2 * jitter);
    while (at < endMicros && DiurnalProfile.weight(at, laptop) == 0) {
      at += NTP_POLL_MICROS;
    }
    return at < endMicros ? at : DONE;
  }

  /** First accepted candidate after {@code from} of a thinned Poisson process at {@code rate}/s. */
  private long nextActive(long from, double rate) {
    long t = from;
    while (true) {
      t += (long) (-Math.log(1 - r.nextDouble()) / rate * MICROS) + 1;
      if (t >= endMicros) {
        return DONE;
      }
      if (r.nextDouble() < DiurnalProfile.weight(t, laptop)) {
        return t;
      }
    }
  }

  private void session(SessionPackets out, long t) {
    double kind = r.nextDouble();
    if (kind < 0.45 || (kind >= 0.94 && !admin)) {
      int site = ExternalSites.pick(r);
      String name = ExternalSites.NAMES[site];
      https(out, lookup(out, t, name, ExternalSites.address(site)), ExternalSites.address(site), 443,
          name);
    } else if (kind < 0.60) {
      int server = r.nextBoolean() ? Site.INTRANET_WEB : Site.WIKI;
      String name = Site.INTRANET_NAMES[r.nextInt(Site.INTRANET_NAMES.length)];
      intranet(out, lookup(out, t, name, server), server, name);
    } else if (kind < 0.74) {
      int site = ExternalSites.pick(r);
      lookup(out, t, ExternalSites.NAMES[site], ExternalSites.address(site));
    } else if (kind < 0.86) {
      smb(out, t);
    } else if (kind < 0.94) {
      https(out, t, Site.MAIL, 993, "mail.corp.example");
    } else {
      ssh(out, t);
    }
  }

  /** A DNS query to one of the two resolvers and its A answer; returns when the answer came. */
  private long lookup(SessionPackets out, long t, String name, int answer) {
    int id = r.nextInt(1 << 16);
    int port = port();
    int resolver = r.nextInt(4) == 0 ? Site.RESOLVER_B : Site.RESOLVER_A;
    out.udp(t, address, port, resolver, 53, Payloads.dnsQuery(id, name, Payloads.DNS_TYPE_A));
    long reply = t + 300 + r.nextLong(r.nextInt(10) == 0 ? 40_000 : 2_000);
    out.udp(reply, resolver, 53, address, port, Payloads.dnsAnswerA(id, name, answer, 300));
    return reply + 100 + r.nextLong(400);
  }

  private void https(SessionPackets out, long t, int server, int port, String name) {
    boolean internal = (server >>> 24) == 10;
    TcpExchange c = connect(out, server, port, internal ? 150 + r.nextLong(300)
        : 5_000 + r.nextLong(30_000), 60);
    long at = c.handshake(t);
    at = c.clientSends(at + 200, Payloads.tlsClientHello(name, r));
    at = c.serverSends(at, Payloads.tlsServerFlight(1_800 + r.nextInt(1_500), r));
    int exchanges = 1 + r.nextInt(5);
    for (int i = 0; i < exchanges; i++) {
      int request = 80 + r.nextInt(900);
      at = c.clientSends(at + 1_000 + r.nextLong(i == 0 ? 5_000 : 2_000_000), pool.bytes(),
          pool.offset(r, request), request);
      int response = size(4_000, 1.3, 100, 256 << 10);
      at = c.serverSends(at, pool.bytes(), pool.offset(r, response), response);
    }
    c.clientCloses(at + 10_000 + r.nextLong(2_000_000));
  }

  private void intranet(SessionPackets out, long t, int server, String name) {
    TcpExchange c = connect(out, server, 80, 100 + r.nextLong(300), 15);
    long at = c.handshake(t);
    int requests = 1 + r.nextInt(4);
    for (int i = 0; i < requests; i++) {
      at = c.clientSends(at + 50 + r.nextLong(50_000),
          Payloads.httpGet(name, PATHS[r.nextInt(PATHS.length)], USER_AGENT));
      at = c.serverSends(at, Payloads.httpResponse(size(5_000, 1.0, 200, 200_000), "text/html", r));
    }
    c.clientCloses(at + 5_000 + r.nextLong(300_000));
  }

  /** Opens a file on the host's file server and reads it (lognormal size, median 30 kB). */
  private void smb(SessionPackets out, long t) {
    TcpExchange c = connect(out, fileServer, 445, 100 + r.nextLong(200), 12);
    long at = c.handshake(t);
    at = c.clientSends(at + 100, Payloads.smb2Negotiate(false, r));
    at = c.serverSends(at, Payloads.smb2Negotiate(true, r));
    int requests = 1 + r.nextInt(2);
    for (int i = 0; i < requests; i++) {
      at = c.clientSends(at + 500 + r.nextLong(20_000), pool.bytes(), pool.offset(r, 180), 180);
      int file = size(30_000, 1.2, 1_000, 1 << 20);
      at = c.serverSends(at, pool.bytes(), pool.offset(r, file), file);
    }
    c.clientCloses(at + 50_000 + r.nextLong(5_000_000));
  }

  /** An administrator's SSH session: banners, then keystrokes and screen updates. */
  private void ssh(SessionPackets out, long t) {
    TcpExchange c = connect(out, Site.linuxServer(r.nextInt(Site.LINUX_SERVERS)), 22,
        100 + r.nextLong(200), 10);
    long at = c.handshake(t);
    at = c.clientSends(at + 100, Payloads.sshBanner(SSH_CLIENTS[r.nextInt(SSH_CLIENTS.length)]));
    at = c.serverSends(at, Payloads.sshBanner("OpenSSH_9.2p1 Debian-2+deb12u3"));
    int exchanges = 10 + r.nextInt(80);
    for (int i = 0; i < exchanges; i++) {
      int keys = 36 + 16 * r.nextInt(4);
      at = c.clientSends(at + 100_000 + r.nextLong(3_000_000), pool.bytes(),
          pool.offset(r, keys), keys);
      int screen = size(200, 1.2, 36, 20_000);
      at = c.serverSends(at, pool.bytes(), pool.offset(r, screen), screen);
    }
    c.clientCloses(at + 100_000);
  }

  private void ntp(SessionPackets out, long t) {
    int port = 123;
    out.udp(t, address, port, Site.NTP_SERVER, 123, Payloads.ntp(false, r));
    out.udp(t + 200 + r.nextLong(600), Site.NTP_SERVER, 123, address, port, Payloads.ntp(true, r));
  }

  private TcpExchange connect(SessionPackets out, int server, int port, long halfRtt, long gap) {
    return new TcpExchange(out, address, port(), server, port, r.nextLong(1L << 32),
        r.nextLong(1L << 32), halfRtt, gap);
  }

  private int port() {
    int port = nextPort;
    nextPort = nextPort == 65535 ? EPHEMERAL_FIRST : nextPort + 1;
    return port;
  }

  /** Lognormal size with the given median, clamped. */
  private int size(double median, double sigma, int min, int max) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    double gaussian = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return (int) Math.max(min, Math.min(max, median * Math.exp(sigma * gaussian)));
  }
}
