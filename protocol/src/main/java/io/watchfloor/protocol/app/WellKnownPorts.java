package io.watchfloor.protocol.app;

/** IANA service ports, used by {@link ProtocolGuesser} only to break ties. */
final class WellKnownPorts {

  private WellKnownPorts() {}

  static boolean isWellKnown(AppProtocol protocol, int port) {
    return switch (protocol) {
      case HTTP -> port == 80 || port == 8080 || port == 8000;
      case TLS -> port == 443 || port == 8443;
      case SSH -> port == 22;
      case DNS -> port == 53 || port == 5353;
      case SMB -> port == 445 || port == 139;
      case RDP -> port == 3389;
      case FTP -> port == 21;
      case SMTP -> port == 25 || port == 587 || port == 2525;
      case POP3 -> port == 110;
      case IMAP -> port == 143;
      case TELNET -> port == 23;
      case NTP -> port == 123;
      case DHCP -> port == 67 || port == 68;
      case SIP -> port == 5060;
      case QUIC -> port == 443;
      case UNKNOWN -> false;
    };
  }
}
