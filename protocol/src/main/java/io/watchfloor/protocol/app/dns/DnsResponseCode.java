package io.watchfloor.protocol.app.dns;

/**
 * The 4-bit header RCODE (RFC 1035 §4.1.1, IANA "DNS RCODEs"). Unknown codes are kept as
 * {@code RCODE12}.
 */
public record DnsResponseCode(int value, String mnemonic) {

  public static final DnsResponseCode NOERROR = new DnsResponseCode(0, "NOERROR");
  public static final DnsResponseCode FORMERR = new DnsResponseCode(1, "FORMERR");
  public static final DnsResponseCode SERVFAIL = new DnsResponseCode(2, "SERVFAIL");
  public static final DnsResponseCode NXDOMAIN = new DnsResponseCode(3, "NXDOMAIN");
  public static final DnsResponseCode NOTIMP = new DnsResponseCode(4, "NOTIMP");
  public static final DnsResponseCode REFUSED = new DnsResponseCode(5, "REFUSED");
  public static final DnsResponseCode YXDOMAIN = new DnsResponseCode(6, "YXDOMAIN");
  public static final DnsResponseCode YXRRSET = new DnsResponseCode(7, "YXRRSET");
  public static final DnsResponseCode NXRRSET = new DnsResponseCode(8, "NXRRSET");
  public static final DnsResponseCode NOTAUTH = new DnsResponseCode(9, "NOTAUTH");
  public static final DnsResponseCode NOTZONE = new DnsResponseCode(10, "NOTZONE");
  public static final DnsResponseCode DSOTYPENI = new DnsResponseCode(11, "DSOTYPENI");

  /** Highest code IANA assigns in the 4-bit header field (RFC 8490 DSOTYPENI). */
  static final int MAX_ASSIGNED = 11;

  public static DnsResponseCode valueOf(int value) {
    return switch (value) {
      case 0 -> NOERROR;
      case 1 -> FORMERR;
      case 2 -> SERVFAIL;
      case 3 -> NXDOMAIN;
      case 4 -> NOTIMP;
      case 5 -> REFUSED;
      case 6 -> YXDOMAIN;
      case 7 -> YXRRSET;
      case 8 -> NXRRSET;
      case 9 -> NOTAUTH;
      case 10 -> NOTZONE;
      case 11 -> DSOTYPENI;
      default -> new DnsResponseCode(value, "RCODE" + value);
    };
  }
}
