package io.watchfloor.node.http.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what through the API: one JSON line per change (any method but GET) and per packet
 * download — time, token name and role, method, path, status — appended to a file and logged.
 */
public final class AuditLog {
  private static final Logger log = LoggerFactory.getLogger("watchfloor.audit");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  /** @param file the JSON-lines file, or null for the log only */
  public AuditLog(Path file) {
    this.file = file;
  }

  public synchronized void record(String who, Role role, String method, String path, int status) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("@timestamp", Instant.now().toString());
    line.put("user.name", who);
    line.put("user.roles", role.id());
    line.put("http.request.method", method);
    line.put("url.path", path);
    line.put("http.response.status_code", status);
    try {
      String text = JSON.writeValueAsString(line);
      log.info(text);
      if (file != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      log.warn("audit log {} not written: {}", file, e.getMessage());
    }
  }
}
