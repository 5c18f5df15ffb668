package io.watchfloor.node.http.auth;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code watchfloor.http.auth}: whether the API wants bearer tokens, which tokens (by hash) it
 * accepts, and where the audit log goes. With auth on and no token configured, the node makes one
 * admin token at start and prints it, as Jupyter does.
 *
 * @param generated the token made at start (to print once), if any
 */
public record AuthSettings(boolean enabled, Tokens tokens, Optional<String> generated, Path auditLog) {
  private static final String KEY = "watchfloor.http.auth";

  /** @param home a relative audit-log path resolves against the Watchfloor home */
  public static AuthSettings create(Config root, Path home) {
    Config c = root.getConfig(KEY);
    List<Tokens.Token> configured = new ArrayList<>();
    int n = 0;
    for (Config t : c.getConfigList("tokens")) {
      String where = KEY + ".tokens[" + n++ + "]";
      String hash = t.getString("sha256").strip().toLowerCase(java.util.Locale.ROOT);
      if (!hash.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(where + ".sha256 must be 64 hex digits (ops/watchfloor token prints it)");
      }
      configured.add(new Tokens.Token(t.getString("name"), Role.parse(t.getString("role"), where + ".role"), hash));
    }
    Optional<String> generated = Optional.empty();
    boolean enabled = c.getBoolean("enabled");
    if (enabled && configured.isEmpty()) {
      String token = Tokens.newToken();
      configured.add(new Tokens.Token("generated-at-start", Role.ADMIN, Tokens.sha256(token)));
      generated = Optional.of(token);
    }
    String audit = c.getString("audit-log");
    Path auditLog = audit.isBlank() ? null : (Path.of(audit).isAbsolute() ? Path.of(audit) : home.resolve(audit));
    return new AuthSettings(enabled, new Tokens(configured), generated, auditLog);
  }
}
