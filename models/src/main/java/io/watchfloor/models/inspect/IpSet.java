package io.watchfloor.models.inspect;

import io.watchfloor.protocol.ip.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of addresses as rules and policies write them: {@code any}, an address, a CIDR block, a
 * bracketed list, each optionally negated with {@code !}, and named variables ({@code $HOME_NET})
 * resolved by the caller. An address is in the set when it is in some included block (or nothing
 * is included) and in no excluded block.
 */
public final class IpSet {
  public static final IpSet ANY = new IpSet(List.of(), List.of());

  private final List<Block> include;
  private final List<Block> exclude;

  private IpSet(List<Block> include, List<Block> exclude) {
    this.include = List.copyOf(include);
    this.exclude = List.copyOf(exclude);
  }

  public boolean contains(long hi, long lo) {
    for (Block b : exclude) {
      if (b.contains(hi, lo)) {
        return false;
      }
    }
    if (include.isEmpty()) {
      return true;
    }
    for (Block b : include) {
      if (b.contains(hi, lo)) {
        return true;
      }
    }
    return false;
  }

  /** Resolves a variable name (without {@code $}) to its set; throws for an unknown one. */
  public interface Variables {
    IpSet resolve(String name);
  }

  /**
   * Parses {@code any}, {@code 10.0.0.0/8}, {@code 192.0.2.1}, {@code !$HOME_NET},
   * {@code [10.0.0.0/8,!10.1.0.0/16]}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static IpSet parse(String text, Variables variables) {
    List<Block> include = new ArrayList<>();
    List<Block> exclude = new ArrayList<>();
    add(text.trim(), false, variables, include, exclude);
    return new IpSet(include, exclude);
  }

  /** The union of CIDR blocks or addresses (config lists). */
  public static IpSet ofBlocks(List<String> blocks) {
    List<Block> include = new ArrayList<>();
    for (String b : blocks) {
      include.add(Block.parse(b.trim()));
    }
    if (include.isEmpty()) {
      return new IpSet(List.of(Block.NOTHING), List.of());
    }
    return new IpSet(include, List.of());
  }

  private static void add(String text, boolean negated, Variables variables, List<Block> include, List<Block> exclude) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty address");
    }
    if (text.startsWith("!")) {
      add(text.substring(1).trim(), !negated, variables, include, exclude);
      return;
    }
    if (text.startsWith("[")) {
      if (!text.endsWith("]")) {
        throw new IllegalArgumentException("unclosed address list '" + text + "'");
      }
      for (String part : splitList(text.substring(1, text.length() - 1))) {
        add(part.trim(), negated, variables, include, exclude);
      }
      return;
    }
    if (text.equals("any")) {
      if (negated) {
        include.add(Block.NOTHING);
      }
      return;
    }
    if (text.startsWith("$")) {
      IpSet set = variables.resolve(text.substring(1));
      if (!negated) {
        if (set.include.isEmpty() && set.exclude.isEmpty()) {
          return;
        }
        include.addAll(set.include); // exclusions apply to the whole set: exact for a variable on its own
        exclude.addAll(set.exclude);
      } else {
        if (!set.exclude.isEmpty() || set.include.isEmpty()) {
          throw new IllegalArgumentException("variable " + text + " cannot be negated here");
        }
        exclude.addAll(set.include);
      }
      return;
    }
    (negated ? exclude : include).add(Block.parse(text));
  }

  /** Splits at top-level commas (nested brackets stay together). */
  static List<String> splitList(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** A CIDR block over the 128-bit (IPv4-mapped) address space. */
  record Block(long hi, long lo, int bits) {
    static final Block NOTHING = new Block(-1, -1, -1);

    static Block parse(String text) {
      int slash = text.indexOf('/');
      IpAddress ip = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
      int max = ip.isIpv4() ? 32 : 128;
      int prefix = max;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad prefix length in '" + text + "'");
        }
        if (prefix < 0 || prefix > max) {
          throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
        }
      }
      int bits = ip.isIpv4() ? 96 + prefix : prefix;
      return new Block(ip.hi() & maskHi(bits), ip.lo() & maskLo(bits), bits);
    }

    boolean contains(long h, long l) {
      return bits >= 0 && (h & maskHi(bits)) == hi && (l & maskLo(bits)) == lo;
    }

    private static long maskHi(int bits) {
      return bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
    }

    private static long maskLo(int bits) {
      return bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
    }
  }
}
