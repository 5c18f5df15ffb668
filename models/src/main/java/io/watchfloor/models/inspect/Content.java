package io.watchfloor.models.inspect;

/**
 * One {@code content} of a rule with its modifiers. Positions are stream offsets of the packet's
 * direction (byte 0 is the first payload byte that direction sent).
 *
 * @param offset the match starts at or after this stream offset
 * @param depth when positive, the match ends within this many bytes from {@code offset}
 * @param distance relative: the match starts at least this many bytes after the previous match
 * @param within relative, when positive: the match ends within {@code distance + within} bytes
 *     after the previous match (Suricata's arithmetic)
 * @param relative whether distance or within was given
 */
public record Content(
    byte[] bytes, boolean nocase, int offset, int depth, int distance, int within, boolean relative) {

  Content nocase(boolean on) {
    return new Content(bytes, on, offset, depth, distance, within, relative);
  }

  Content offset(int v) {
    return new Content(bytes, nocase, v, depth, distance, within, relative);
  }

  Content depth(int v) {
    return new Content(bytes, nocase, offset, v, distance, within, relative);
  }

  Content distance(int v) {
    return new Content(bytes, nocase, offset, depth, v, within, true);
  }

  Content within(int v) {
    return new Content(bytes, nocase, offset, depth, distance, v, true);
  }
}
