package io.watchfloor.node.http;

import org.apache.pekko.http.javadsl.server.PathMatcher0;
import org.apache.pekko.http.javadsl.server.PathMatchers;

/** Literal multi-segment paths for {@code path(...)}. */
final class PathMatchersCompat {
  private PathMatchersCompat() {}

  static PathMatcher0 segments(String first, String... rest) {
    PathMatcher0 m = PathMatchers.segment(first);
    for (String s : rest) {
      m = m.slash(s);
    }
    return m;
  }
}
