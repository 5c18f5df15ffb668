package io.watchfloor.models.intel;

/**
 * One known-bad observable.
 *
 * @param kind what it is
 * @param value normalised value: address or prefix text, lower-case domain or JA3 hash
 * @param description the feed's words for it (may be empty)
 * @param source file and line (or indicator id) it came from
 */
public record Indicator(Kind kind, String value, String description, String source) {

  /** The observables Watchfloor can match. */
  public enum Kind {
    IP,
    CIDR,
    DOMAIN,
    JA3;

    /** The kind for a CSV type column: ip, cidr, domain, ja3 (any case). */
    static Kind of(String type) {
      for (Kind k : values()) {
        if (k.name().equalsIgnoreCase(type.strip())) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown indicator type '" + type + "' (ip, cidr, domain, ja3)");
    }
  }
}
