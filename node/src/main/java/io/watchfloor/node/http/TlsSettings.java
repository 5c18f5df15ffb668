package io.watchfloor.node.http;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;

/**
 * {@code watchfloor.http.tls}: serve the API over HTTPS with the key and certificate chain of a
 * keystore file, its password from an environment variable (never from the config file).
 */
public record TlsSettings(Path keystore, String type, char[] password) {
  private static final String KEY = "watchfloor.http.tls.";

  /** Empty when TLS is off; a clear error when it is on but the keystore cannot be used. */
  public static Optional<TlsSettings> create(Config root, Path home) {
    Config c = root.getConfig("watchfloor.http.tls");
    if (!c.getBoolean("enabled")) {
      return Optional.empty();
    }
    String file = c.getString("keystore");
    if (file.isBlank()) {
      throw new IllegalArgumentException(KEY + "keystore is required when " + KEY + "enabled is on");
    }
    Path keystore = Path.of(file).isAbsolute() ? Path.of(file) : home.resolve(file);
    String env = c.getString("password-env");
    String password = System.getenv(env);
    if (password == null) {
      throw new IllegalArgumentException(KEY + "password-env: environment variable " + env + " is not set");
    }
    return Optional.of(new TlsSettings(keystore, c.getString("keystore-type"), password.toCharArray()));
  }

  /** The server context; a clear error naming the file when the keystore cannot be read. */
  public HttpsConnectionContext context() {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore ks = KeyStore.getInstance(type);
      ks.load(in, password);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(kmf.getKeyManagers(), null, null);
      return ConnectionContext.httpsServer(ssl);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(KEY + "keystore " + keystore + " cannot be used: " + e.getMessage(), e);
    }
  }
}
