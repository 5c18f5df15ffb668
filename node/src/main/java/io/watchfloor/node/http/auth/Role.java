package io.watchfloor.node.http.auth;

import java.util.Locale;

/** What a token may do; each role includes the ones before it. */
public enum Role {
  /** No token needed (health only). */
  PUBLIC,
  /** Read hosts, anomalies, alerts, metrics. */
  VIEWER,
  /** Also: feedback, acknowledge and resolve alerts, silences, pcap downloads. */
  ANALYST,
  /** Also: reload threat intelligence and other administration. */
  ADMIN;

  public boolean includes(Role needed) {
    return ordinal() >= needed.ordinal();
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** viewer, analyst or admin (any case). */
  public static Role parse(String text, String key) {
    for (Role r : values()) {
      if (r != PUBLIC && r.name().equalsIgnoreCase(text.strip())) {
        return r;
      }
    }
    throw new IllegalArgumentException(key + ": role must be viewer, analyst or admin, was '" + text + "'");
  }
}
