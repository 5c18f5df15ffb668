package io.watchfloor.node.http;

import io.watchfloor.node.store.HostSnapshotRepository.HostSummary;
import io.watchfloor.protocol.ip.IpAddress;
import io.watchfloor.protocol.ip.IpPrefix;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/hosts}: the stored hosts filtered by site, address or CIDR, sorted (by score —
 * anomalies raised — by default, highest first; or by address or last update) and paginated.
 */
final class HostListing {
  static final List<String> SORTS = List.of("score", "host", "updated");
  /** Hosts read per request at most; a larger deployment narrows by site or CIDR. */
  static final int MAX_SCANNED = 1_000_000;

  private HostListing() {}

  record Query(Optional<String> site, Optional<String> ip, Optional<IpPrefix> cidr, String sort,
      int offset, int limit) {}

  static Map<String, Object> answer(List<HostSummary> all, Query q) {
    Optional<IpAddress> exact = q.ip().map(IpAddress::parse);
    List<HostSummary> matching = all.stream()
        .filter(h -> q.site().map(h.site()::equals).orElse(true))
        .filter(h -> exact.map(a -> a.toString().equals(h.host())).orElse(true))
        .filter(h -> q.cidr().map(p -> contains(p, h.host())).orElse(true))
        .sorted(order(q.sort()))
        .toList();
    List<Map<String, Object>> page = matching.stream().skip(q.offset()).limit(q.limit())
        .map(HostListing::row).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("count", matching.size());
    body.put("offset", q.offset());
    body.put("limit", q.limit());
    body.put("sort", q.sort());
    body.put("hosts", page);
    return body;
  }

  private static boolean contains(IpPrefix p, String host) {
    try {
      return p.contains(IpAddress.parse(host));
    } catch (IllegalArgumentException notAnAddress) {
      return false;
    }
  }

  private static Comparator<HostSummary> order(String sort) {
    Comparator<HostSummary> byHost = Comparator.comparing((HostSummary h) -> IpAddress.parse(h.host()))
        .thenComparing(HostSummary::site);
    return switch (sort) {
      case "host" -> byHost;
      case "updated" -> Comparator.comparing(HostSummary::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(byHost);
      default -> Comparator.comparingLong(HostSummary::anomalies).reversed().thenComparing(byHost);
    };
  }

  private static Map<String, Object> row(HostSummary h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site", h.site());
    m.put("host", h.host());
    m.put("score", h.anomalies());
    m.put("anomalies_raised", h.anomalies());
    m.put("windows_seen", h.windowsSeen());
    m.put("updated_at", h.updatedAt() == null ? null : h.updatedAt().toString());
    return m;
  }
}
