package io.watchfloor.protocol.host;

import io.watchfloor.protocol.CborSerializable;
import java.util.List;

/**
 * The payload matches of one host in one window, bounded so a host spraying card numbers does not
 * turn into a thousand objects in one message.
 *
 * @param matches one entry per (source, kind, peer, peer port), counted
 * @param omitted matches beyond the bound, counted only
 */
public record PayloadMatches(List<PayloadMatch> matches, int omitted) implements CborSerializable {

  public static final PayloadMatches NONE = new PayloadMatches(List.of(), 0);

  public PayloadMatches {
    matches = matches == null ? List.of() : List.copyOf(matches);
  }
}
