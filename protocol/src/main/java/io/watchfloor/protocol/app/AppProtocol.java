package io.watchfloor.protocol.app;

import java.util.Locale;

/**
 * Application protocols recognised from payload bytes, independently of the port, so that "SSH on
 * 443" can be told from "TLS on 443". ECS {@code network.protocol} uses {@link #id()}.
 */
public enum AppProtocol {
  UNKNOWN,
  HTTP,
  TLS,
  SSH,
  DNS,
  SMB,
  RDP,
  FTP,
  SMTP,
  POP3,
  IMAP,
  TELNET,
  NTP,
  DHCP,
  SIP,
  QUIC;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The protocol with this id, or UNKNOWN. */
  public static AppProtocol ofId(String id) {
    if (id == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(id.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
