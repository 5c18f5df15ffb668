package io.watchfloor.models.inspect;

/**
 * Something the rule loader did not accept, with where it is.
 *
 * @param kind REJECTED: the rule was not loaded (malformed, or it needs a keyword this engine does
 *     not support); IGNORED: the rule loaded, this descriptive keyword has no effect here
 * @param keyword the keyword concerned, or "" for a malformed rule
 */
public record RuleProblem(String file, int line, Kind kind, String keyword, String reason) {

  public enum Kind {
    REJECTED,
    IGNORED
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + (kind == Kind.REJECTED ? "rule rejected: " : "keyword ignored: ")
        + (keyword.isEmpty() ? "" : "'" + keyword + "' ") + reason;
  }
}
