package io.watchfloor.loadtest.synth;

import io.watchfloor.loadtest.Ipv4;

/**
 * The simulated site's address plan. Workstations are 10.1.0.0/16 (250 per /24); servers live in
 * 10.0.0.0/24 (resolvers, NTP, intranet web, mail, file servers, Linux servers); the Internet is
 * everything outside 10/8. The first
 * {@link #adminCount()} workstations belong to administrators; workstations whose index is 0-3
 * modulo 10 are laptops that go home at night (silent outside working hours).
 */
final class Site {

  static final int RESOLVER_A = Ipv4.parse("10.0.0.2");
  static final int RESOLVER_B = Ipv4.parse("10.0.0.3");
  static final int NTP_SERVER = Ipv4.parse("10.0.0.4");
  static final int INTRANET_WEB = Ipv4.parse("10.0.0.10");
  static final int WIKI = Ipv4.parse("10.0.0.11");
  static final int MAIL = Ipv4.parse("10.0.0.12");
  static final int FIRST_FILE_SERVER = Ipv4.parse("10.0.0.20");
  static final int FILE_SERVERS = 4;
  static final int FIRST_LINUX_SERVER = Ipv4.parse("10.0.0.30");
  static final int LINUX_SERVERS = 10;
  static final String[] INTRANET_NAMES = {
      "intranet.corp.example", "wiki.corp.example", "tickets.corp.example"};

  private final int workstations;

  Site(int workstations) {
    if (workstations < 10 || workstations > 60_000) {
      throw new IllegalArgumentException(
          "workstation count must be in [10, 60000], found " + workstations);
    }
    this.workstations = workstations;
  }

  int workstations() {
    return workstations;
  }

  int workstation(int i) {
    return Ipv4.parse("10.1.0.0") + ((i / 250) << 8) + (i % 250) + 1;
  }

  int adminCount() {
    return Math.max(2, workstations / 25);
  }

  boolean isAdmin(int i) {
    return i < adminCount();
  }

  boolean isLaptop(int i) {
    return i % 10 < 4;
  }

  static int fileServer(int i) {
    return FIRST_FILE_SERVER + i % FILE_SERVERS;
  }

  static int linuxServer(int i) {
    return FIRST_LINUX_SERVER + i % LINUX_SERVERS;
  }
}
