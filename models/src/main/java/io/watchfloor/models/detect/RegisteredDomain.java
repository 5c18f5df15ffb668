package io.watchfloor.models.detect;

import java.util.Locale;
import java.util.Set;

/**
 * Splits a DNS query name into the registered domain (what someone bought: {@code example.com},
 * {@code bbc.co.uk}) and the subdomain part left of it, which a DNS tunnel fills with encoded data.
 *
 * <p>A deliberately small stand-in for the Public Suffix List: the registered domain is the last
 * two labels, or the last three when the top-level label is a two-letter country code and the
 * second-level label is one of the generic ones countries register under ({@link
 * #GENERIC_SECOND_LEVEL}: {@code co.uk}, {@code com.au}, {@code ne.jp}, {@code org.nz} ...). Private
 * suffixes (cloud providers' customer zones) are not known, so {@code x.s3.amazonaws.com} counts
 * under {@code amazonaws.com}.
 */
record RegisteredDomain(String domain, String subdomain) {

  /** Second-level labels that act as public suffixes under a country-code top-level domain. */
  static final Set<String> GENERIC_SECOND_LEVEL =
      Set.of("ac", "co", "com", "edu", "gob", "gov", "govt", "mil", "ne", "net", "or", "org");

  /**
   * @param name a query name, any case, with or without the trailing dot
   * @return the split, lower case; the subdomain is "" when the name is the registered domain itself
   *     (single-label names are their own registered domain)
   */
  static RegisteredDomain of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".")) {
      n = n.substring(0, n.length() - 1);
    }
    int last = n.lastIndexOf('.');
    if (last < 0) {
      return new RegisteredDomain(n, "");
    }
    int second = n.lastIndexOf('.', last - 1);
    if (second < 0) {
      return new RegisteredDomain(n, "");
    }
    String tld = n.substring(last + 1);
    String sld = n.substring(second + 1, last);
    int cut = second;
    if (tld.length() == 2 && GENERIC_SECOND_LEVEL.contains(sld)) {
      cut = n.lastIndexOf('.', second - 1);
      if (cut < 0) {
        return new RegisteredDomain(n, "");
      }
    }
    return new RegisteredDomain(n.substring(cut + 1), n.substring(0, cut));
  }
}
