package io.watchfloor.models.intel;

import io.watchfloor.protocol.ip.IpAddress;
import io.watchfloor.protocol.ip.IpPrefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable set of indicators, indexed for matching: exact addresses and JA3 hashes by hash
 * lookup, domains by walking up the name's labels (an indicator {@code evil.example} matches {@code
 * a.b.evil.example}), prefixes by a scan (feeds list few).
 */
public final class IndicatorSet {
  public static final IndicatorSet EMPTY = new IndicatorSet(List.of());

  private final Map<IpAddress, Indicator> addresses = new HashMap<>();
  private final List<Map.Entry<IpPrefix, Indicator>> prefixes = new ArrayList<>();
  private final Map<String, Indicator> domains = new HashMap<>();
  private final Map<String, Indicator> ja3 = new HashMap<>();
  private final int size;

  public IndicatorSet(List<Indicator> indicators) {
    for (Indicator i : indicators) {
      switch (i.kind()) {
        case IP -> addresses.put(IpAddress.parse(i.value()), i);
        case CIDR -> prefixes.add(Map.entry(IpPrefix.parse(i.value()), i));
        case DOMAIN -> domains.put(i.value(), i);
        case JA3 -> ja3.put(i.value(), i);
      }
    }
    this.size = indicators.size();
  }

  public int size() {
    return size;
  }

  /** The indicator an address matches (exact first, then the first listed prefix). */
  public Optional<Indicator> matchAddress(String text) {
    if (addresses.isEmpty() && prefixes.isEmpty()) {
      return Optional.empty();
    }
    IpAddress a;
    try {
      a = IpAddress.parse(text);
    } catch (IllegalArgumentException notAnAddress) {
      return Optional.empty();
    }
    Indicator exact = addresses.get(a);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (Map.Entry<IpPrefix, Indicator> p : prefixes) {
      if (p.getKey().contains(a)) {
        return Optional.of(p.getValue());
      }
    }
    return Optional.empty();
  }

  /** The indicator a host name or any of its parent domains matches. */
  public Optional<Indicator> matchDomain(String name) {
    if (domains.isEmpty() || name == null || name.isEmpty()) {
      return Optional.empty();
    }
    String d = name.toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    while (true) {
      Indicator hit = domains.get(d);
      if (hit != null) {
        return Optional.of(hit);
      }
      int dot = d.indexOf('.');
      if (dot < 0) {
        return Optional.empty();
      }
      d = d.substring(dot + 1);
    }
  }

  public Optional<Indicator> matchJa3(String hash) {
    return hash == null ? Optional.empty() : Optional.ofNullable(ja3.get(hash.toLowerCase(Locale.ROOT)));
  }
}
