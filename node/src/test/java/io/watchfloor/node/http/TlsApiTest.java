package io.watchfloor.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS from a keystore: a node process (the keystore password can only come from its environment)
 * serves the API over TLS with a certificate made by keytool, and prints the token it generated; a
 * client that trusts that certificate calls it with the token.
 */
@ExtendWith(SharedCassandra.class)
class TlsApiTest {
  private static final String PASSWORD = "changeit-" + System.nanoTime();

  @TempDir Path dir;

  @Test
  void shouldServeTheApiOverHttpsWithTheGeneratedToken() throws Exception {
    Path keystore = dir.resolve("node.p12");
    run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
        "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", PASSWORD));
    Path config = TestNodes.configFile(dir, "tls");
    Files.writeString(config, Files.readString(config)
        + "watchfloor.http.port = 0\n"
        + "watchfloor.http.tls { enabled = on, keystore = \"" + keystore + "\" }\n"
        + "watchfloor.http.auth.audit-log = \"\"\n");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Dwatchfloor.home=" + TestNodes.home(), "-cp", System.getProperty("java.class.path"),
        "io.watchfloor.node.cli.Main", "node", "--config", config.toString())
        .redirectErrorStream(true);
    pb.environment().put("WATCHFLOOR_KEYSTORE_PASSWORD", PASSWORD);
    Process node = pb.start();
    try {
      String[] started = awaitStart(node.getInputStream());
      String base = started[0];
      String token = started[1];
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore)).build();

      HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/hosts"))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/hosts"))
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(base).startsWith("https://127.0.0.1:");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("\"hosts\"");
      assertThat(refused.statusCode()).isEqualTo(401);
    } finally {
      node.destroy();
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    }
  }

  /** Reads the node's output until it has printed its HTTPS address and its token. */
  private static String[] awaitStart(InputStream out) throws Exception {
    Pattern address = Pattern.compile("HTTP API on (https://[0-9.]+:[0-9]+)/api/v1/health");
    Pattern token = Pattern.compile("^\\s+(wf_[A-Za-z0-9_-]{43})\\s*$");
    BufferedReader lines = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
    String base = null;
    String tok = null;
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String line;
    while ((base == null || tok == null) && System.nanoTime() < deadline && (line = lines.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher a = address.matcher(line);
      if (a.find()) {
        base = a.group(1);
      }
      Matcher t = token.matcher(line);
      if (t.find()) {
        tok = t.group(1);
      }
    }
    assertThat(base).as(seen.toString()).isNotNull();
    assertThat(tok).as(seen.toString()).isNotNull();
    Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "node-output");
    drain.setDaemon(true);
    drain.start();
    return new String[] {base, tok};
  }

  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
