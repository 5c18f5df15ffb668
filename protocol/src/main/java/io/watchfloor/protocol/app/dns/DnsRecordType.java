package io.watchfloor.protocol.app.dns;

/**
 * A DNS RR type (IANA "Resource Record (RR) TYPEs"). Unknown codes are kept, named as RFC 3597
 * §5 writes them, not rejected: new types appear all the time.
 */
public record DnsRecordType(int value, String mnemonic) {

  public static final DnsRecordType A = new DnsRecordType(1, "A");
  public static final DnsRecordType NS = new DnsRecordType(2, "NS");
  public static final DnsRecordType CNAME = new DnsRecordType(5, "CNAME");
  public static final DnsRecordType SOA = new DnsRecordType(6, "SOA");
  public static final DnsRecordType NULL = new DnsRecordType(10, "NULL");
  public static final DnsRecordType PTR = new DnsRecordType(12, "PTR");
  public static final DnsRecordType MX = new DnsRecordType(15, "MX");
  public static final DnsRecordType TXT = new DnsRecordType(16, "TXT");
  public static final DnsRecordType AAAA = new DnsRecordType(28, "AAAA");
  public static final DnsRecordType SRV = new DnsRecordType(33, "SRV");
  public static final DnsRecordType OPT = new DnsRecordType(41, "OPT");
  public static final DnsRecordType DS = new DnsRecordType(43, "DS");
  public static final DnsRecordType RRSIG = new DnsRecordType(46, "RRSIG");
  public static final DnsRecordType DNSKEY = new DnsRecordType(48, "DNSKEY");
  public static final DnsRecordType SVCB = new DnsRecordType(64, "SVCB");
  public static final DnsRecordType HTTPS = new DnsRecordType(65, "HTTPS");
  public static final DnsRecordType AXFR = new DnsRecordType(252, "AXFR");
  public static final DnsRecordType ANY = new DnsRecordType(255, "ANY");
  public static final DnsRecordType CAA = new DnsRecordType(257, "CAA");

  public static DnsRecordType valueOf(int value) {
    return switch (value) {
      case 1 -> A;
      case 2 -> NS;
      case 5 -> CNAME;
      case 6 -> SOA;
      case 10 -> NULL;
      case 12 -> PTR;
      case 15 -> MX;
      case 16 -> TXT;
      case 28 -> AAAA;
      case 33 -> SRV;
      case 41 -> OPT;
      case 43 -> DS;
      case 46 -> RRSIG;
      case 48 -> DNSKEY;
      case 64 -> SVCB;
      case 65 -> HTTPS;
      case 252 -> AXFR;
      case 255 -> ANY;
      case 257 -> CAA;
      default -> new DnsRecordType(value, "TYPE" + value);
    };
  }
}
