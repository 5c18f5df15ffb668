package io.watchfloor.models.inspect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one rule in the supported subset of Suricata/Snort syntax (docs/inspection.md):
 * {@code alert <proto> <src> <sport> -> <dst> <dport> (options)}. A rule that needs something this
 * engine cannot do is rejected with the keyword, never loaded half-understood; descriptive keywords
 * that do not change matching are loaded and reported as ignored.
 */
final class RuleParser {

  /** Keywords that only describe a rule; loading without them changes no match. */
  static final Set<String> IGNORED_KEYWORDS = Set.of("reference", "metadata", "priority", "gid", "target");
  private static final Set<String> PCRE_FLAGS = Set.of('i', 's', 'm', 'x').stream()
      .map(String::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final IpSet.Variables variables;

  RuleParser(IpSet.Variables variables) {
    this.variables = variables;
  }

  /** Thrown for a rule that is not loaded; the message is the reason. */
  static final class Rejected extends Exception {
    final String keyword;

    Rejected(String keyword, String reason) {
      super(reason);
      this.keyword = keyword;
    }
  }

  /**
   * @param ignored receives the descriptive keywords that were skipped
   * @throws Rejected when the rule is malformed or unsupported
   */
  SignatureRule parse(String text, String file, int line, List<String> ignored) throws Rejected {
    int open = text.indexOf('(');
    if (open < 0 || !text.endsWith(")")) {
      throw new Rejected("", "expected 'alert <proto> <src> <sport> -> <dst> <dport> (options)'");
    }
    String[] header = text.substring(0, open).trim().split("\\s+");
    if (header.length != 7) {
      throw new Rejected("", "the header needs 7 fields (action proto src sport -> dst dport), found "
          + header.length);
    }
    if (!header[0].equals("alert")) {
      throw new Rejected(header[0], "only the 'alert' action is supported");
    }
    int transport = switch (header[1]) {
      case "tcp" -> 6;
      case "udp" -> 17;
      case "ip" -> 0;
      default -> throw new Rejected(header[1], "protocol not supported (tcp, udp, ip)");
    };
    boolean bidirectional;
    if (header[4].equals("->")) {
      bidirectional = false;
    } else if (header[4].equals("<>")) {
      bidirectional = true;
    } else {
      throw new Rejected("", "direction must be '->' or '<>', was '" + header[4] + "'");
    }
    IpSet source = addresses(header[2]);
    PortSet sourcePorts = ports(header[3]);
    IpSet destination = addresses(header[5]);
    PortSet destinationPorts = ports(header[6]);

    long sid = -1;
    int rev = 0;
    String msg = "";
    String classtype = "";
    int direction = 0;
    boolean established = false;
    int fast = -1;
    List<Content> contents = new ArrayList<>();
    List<Pattern> pcres = new ArrayList<>();
    for (String option : options(text.substring(open + 1, text.length() - 1))) {
      int colon = option.indexOf(':');
      String key = (colon < 0 ? option : option.substring(0, colon)).trim();
      String value = colon < 0 ? "" : option.substring(colon + 1).trim();
      switch (key) {
        case "msg" -> msg = unquote(key, value);
        case "sid" -> sid = number(key, value);
        case "rev" -> rev = (int) number(key, value);
        case "classtype" -> classtype = value;
        case "content" -> contents.add(content(value));
        case "nocase" -> replaceLast(contents, key, contents.isEmpty() ? null : last(contents).nocase(true));
        case "offset" -> replaceLast(contents, key, contents.isEmpty() ? null : last(contents).offset((int) number(key, value)));
        case "depth" -> replaceLast(contents, key, contents.isEmpty() ? null : last(contents).depth((int) number(key, value)));
        case "distance" -> replaceLast(contents, key, contents.isEmpty() ? null : last(contents).distance((int) signed(key, value)));
        case "within" -> replaceLast(contents, key, contents.isEmpty() ? null : last(contents).within((int) number(key, value)));
        case "fast_pattern" -> {
          if (contents.isEmpty()) {
            throw new Rejected(key, "fast_pattern without a preceding content");
          }
          fast = contents.size() - 1;
        }
        case "rawbytes" -> { } // payload is always raw bytes here
        case "pcre" -> pcres.add(pcre(value));
        case "flow" -> {
          for (String f : value.split(",")) {
            switch (f.trim()) {
              case "to_server", "from_client" -> direction = 1;
              case "to_client", "from_server" -> direction = -1;
              case "established" -> established = true;
              case "stateless" -> { }
              default -> throw new Rejected("flow:" + f.trim(), "flow option not supported");
            }
          }
        }
        default -> {
          if (IGNORED_KEYWORDS.contains(key)) {
            ignored.add(key);
          } else {
            throw new Rejected(key, "keyword not supported");
          }
        }
      }
    }
    if (sid < 0) {
      throw new Rejected("sid", "a rule needs a sid");
    }
    if (contents.isEmpty()) {
      throw new Rejected("content", "a rule needs at least one content (pcre-only rules are not supported)");
    }
    if (fast < 0) {
      fast = 0;
      for (int i = 1; i < contents.size(); i++) {
        if (contents.get(i).bytes().length > contents.get(fast).bytes().length) {
          fast = i;
        }
      }
    }
    return new SignatureRule(sid, rev, msg, classtype, transport, source, sourcePorts, destination,
        destinationPorts, bidirectional, direction, established, contents, pcres, fast, file, line);
  }

  private IpSet addresses(String text) throws Rejected {
    try {
      return IpSet.parse(text, variables);
    } catch (IllegalArgumentException e) {
      throw new Rejected("", "address '" + text + "': " + e.getMessage());
    }
  }

  private static PortSet ports(String text) throws Rejected {
    try {
      return PortSet.parse(text);
    } catch (IllegalArgumentException e) {
      throw new Rejected("", "port '" + text + "': " + e.getMessage());
    }
  }

  private static Content last(List<Content> contents) {
    return contents.get(contents.size() - 1);
  }

  private static void replaceLast(List<Content> contents, String key, Content updated) throws Rejected {
    if (updated == null) {
      throw new Rejected(key, key + " without a preceding content");
    }
    contents.set(contents.size() - 1, updated);
  }

  /** Splits options at ';' outside quotes, honouring backslash escapes. */
  static List<String> options(String body) throws Rejected {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        current.append(c).append(body.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (c == ';' && !quoted) {
        if (!current.toString().isBlank()) {
          out.add(current.toString().trim());
        }
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw new Rejected("", "unterminated quoted string");
    }
    if (!current.toString().isBlank()) {
      throw new Rejected("", "option '" + current.toString().trim() + "' is not terminated by ';'");
    }
    return out;
  }

  private static String unquote(String key, String value) throws Rejected {
    if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
      throw new Rejected(key, key + " needs a quoted value");
    }
    return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
  }

  private static long number(String key, String value) throws Rejected {
    long n = signed(key, value);
    if (n < 0) {
      throw new Rejected(key, key + " must not be negative");
    }
    return n;
  }

  private static long signed(String key, String value) throws Rejected {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new Rejected(key, key + " needs a number, was '" + value + "'");
    }
  }

  /** {@code "text|0d 0a|more"}: text with escapes and hex blocks between pipes. */
  static Content content(String value) throws Rejected {
    if (value.startsWith("!")) {
      throw new Rejected("content:!", "negated content is not supported");
    }
    String s = unquoteRaw("content", value);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean hex = false;
    StringBuilder hexDigits = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '|') {
        if (hex) {
          if (hexDigits.length() % 2 != 0) {
            throw new Rejected("content", "odd number of hex digits in '" + s + "'");
          }
          for (int k = 0; k < hexDigits.length(); k += 2) {
            out.write(Integer.parseInt(hexDigits.substring(k, k + 2), 16));
          }
          hexDigits.setLength(0);
        }
        hex = !hex;
      } else if (hex) {
        if (Character.digit(c, 16) >= 0) {
          hexDigits.append(c);
        } else if (c != ' ') {
          throw new Rejected("content", "'" + c + "' is not a hex digit in '" + s + "'");
        }
      } else if (c == '\\' && i + 1 < s.length()) {
        out.write(s.charAt(++i));
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.ISO_8859_1));
      }
    }
    if (hex) {
      throw new Rejected("content", "unclosed hex block in '" + s + "'");
    }
    if (out.size() == 0) {
      throw new Rejected("content", "empty content");
    }
    return new Content(out.toByteArray(), false, 0, 0, 0, 0, false);
  }

  static Pattern pcre(String value) throws Rejected {
    if (value.startsWith("!")) {
      throw new Rejected("pcre:!", "negated pcre is not supported");
    }
    String s = unquoteRaw("pcre", value);
    int end = s.lastIndexOf('/');
    if (!s.startsWith("/") || end <= 0) {
      throw new Rejected("pcre", "pcre must look like \"/expression/flags\"");
    }
    int flags = 0;
    for (char f : s.substring(end + 1).toCharArray()) {
      if (!PCRE_FLAGS.contains(String.valueOf(f))) {
        throw new Rejected("pcre/" + f, "pcre flag '" + f + "' is not supported (i, s, m, x are)");
      }
      flags |= switch (f) {
        case 'i' -> Pattern.CASE_INSENSITIVE;
        case 's' -> Pattern.DOTALL;
        case 'm' -> Pattern.MULTILINE;
        default -> Pattern.COMMENTS;
      };
    }
    try {
      return Pattern.compile(s.substring(1, end), flags);
    } catch (PatternSyntaxException e) {
      throw new Rejected("pcre", "bad expression: " + e.getDescription());
    }
  }

  private static String unquoteRaw(String key, String value) throws Rejected {
    if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
      throw new Rejected(key, key + " needs a quoted value");
    }
    return value.substring(1, value.length() - 1);
  }
}
