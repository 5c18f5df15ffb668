package io.watchfloor.models.inspect;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A site's own sensitive-data pattern ({@code sensitive-data.custom-patterns}). The regular
 * expression runs only on payload that contains its {@code literal} (ASCII case-insensitive), so a
 * slow expression costs nothing on traffic that cannot match; without a literal it runs on every
 * outbound payload window.
 *
 * @param name the kind reported, e.g. {@code employee_id}
 * @param regex Java regular expression over the payload read as ISO-8859-1; group 0 is the secret
 * @param literal text every match contains, or "" for none
 */
public record CustomPattern(String name, Pattern regex, String literal) {

  public CustomPattern {
    if (name == null || !name.matches("[a-z][a-z0-9_]{0,40}")) {
      throw new IllegalArgumentException(
          "custom pattern name must be lower-case letters, digits and '_', was '" + name + "'");
    }
    literal = literal == null ? "" : literal;
  }

  /** @throws IllegalArgumentException naming the pattern when the expression does not compile */
  public static CustomPattern of(String name, String regex, String literal) {
    try {
      return new CustomPattern(name, Pattern.compile(regex), literal);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "custom pattern '" + name + "': bad regular expression: " + e.getDescription(), e);
    }
  }

  byte[] literalBytes() {
    return literal.getBytes(StandardCharsets.ISO_8859_1);
  }
}
