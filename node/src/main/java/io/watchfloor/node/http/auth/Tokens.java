package io.watchfloor.node.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The API tokens a node accepts, held only as SHA-256 hashes: a token is 32 random bytes, so a
 * plain hash cannot be reversed by guessing, and the config file never holds a usable secret.
 */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "wf_";

  /** A token as configured: who it is for, its role, the hex SHA-256 of the token text. */
  public record Token(String name, Role role, String sha256) {}

  private final Map<String, Token> byHash;

  public Tokens(List<Token> tokens) {
    this.byHash = tokens.stream().collect(Collectors.toUnmodifiableMap(Token::sha256, Function.identity(),
        (a, b) -> {
          throw new IllegalArgumentException("watchfloor.http.auth.tokens: tokens '" + a.name() + "' and '"
              + b.name() + "' have the same hash");
        }));
  }

  public boolean isEmpty() {
    return byHash.isEmpty();
  }

  /** The token whose hash matches the presented text. */
  public Optional<Token> authenticate(String presented) {
    if (presented == null || presented.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byHash.get(sha256(presented.strip())));
  }

  /** A new random token: {@code wf_} and 43 URL-safe characters. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
