package io.watchfloor.node.alert.receiver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** JSON writing and the small shared helpers of the payload builders. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write payload: " + e.getOriginalMessage(), e);
    }
  }

  static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  /**
   * The key itself when it fits the receiver's limit, else its SHA-256 in hex (same key, same
   * result); a limit of 0 always hashes.
   */
  static String fit(String key, int maxLength) {
    if (maxLength > 0 && key.length() <= maxLength) {
      return key;
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** "port_scan from 10.0.0.66 (high)". */
  static String title(Notification n) {
    Notification.AlertItem a = n.lead();
    String more = n.alerts().size() > 1 ? " (+" + (n.alerts().size() - 1) + " more)" : "";
    return a.labels().getOrDefault("rule.name", "anomaly") + " from " + a.labels().getOrDefault("host", "?")
        + " on " + a.labels().getOrDefault("site", "?") + " [" + a.severity() + "]" + more;
  }
}
