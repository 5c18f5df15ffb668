package io.watchfloor.models.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Ports as rules write them: {@code any}, {@code 80}, {@code 1024:}, {@code :1023},
 * {@code 8000:8100}, {@code [80,443,8080:8090]}, each optionally negated with {@code !}.
 */
public final class PortSet {
  public static final PortSet ANY = new PortSet(List.of(), List.of());

  private final List<int[]> include;
  private final List<int[]> exclude;

  private PortSet(List<int[]> include, List<int[]> exclude) {
    this.include = List.copyOf(include);
    this.exclude = List.copyOf(exclude);
  }

  public boolean contains(int port) {
    for (int[] r : exclude) {
      if (port >= r[0] && port <= r[1]) {
        return false;
      }
    }
    if (include.isEmpty()) {
      return true;
    }
    for (int[] r : include) {
      if (port >= r[0] && port <= r[1]) {
        return true;
      }
    }
    return false;
  }

  /** @throws IllegalArgumentException saying what is wrong (variables such as $HTTP_PORTS are not supported) */
  public static PortSet parse(String text) {
    List<int[]> include = new ArrayList<>();
    List<int[]> exclude = new ArrayList<>();
    add(text.trim(), false, include, exclude);
    return new PortSet(include, exclude);
  }

  private static void add(String text, boolean negated, List<int[]> include, List<int[]> exclude) {
    if (text.startsWith("!")) {
      add(text.substring(1).trim(), !negated, include, exclude);
      return;
    }
    if (text.startsWith("[") && text.endsWith("]")) {
      for (String part : IpSet.splitList(text.substring(1, text.length() - 1))) {
        add(part.trim(), negated, include, exclude);
      }
      return;
    }
    if (text.equals("any")) {
      if (negated) {
        include.add(new int[] {-1, -1});
      }
      return;
    }
    if (text.startsWith("$")) {
      throw new IllegalArgumentException("port variable " + text + " is not supported");
    }
    int colon = text.indexOf(':');
    int[] range = colon < 0
        ? new int[] {port(text), port(text)}
        : new int[] {colon == 0 ? 0 : port(text.substring(0, colon)),
            colon == text.length() - 1 ? 65535 : port(text.substring(colon + 1))};
    (negated ? exclude : include).add(range);
  }

  private static int port(String text) {
    try {
      int p = Integer.parseInt(text.trim());
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("port out of range: " + text);
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a port: '" + text + "'");
    }
  }
}
