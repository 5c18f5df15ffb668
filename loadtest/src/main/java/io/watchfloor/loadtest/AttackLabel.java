package io.watchfloor.loadtest;

import java.time.Instant;

/**
 * Ground truth for one injected attack: one row of {@code labels.tsv}. {@code start} and {@code
 * end} are the first and last packet of the attack (inclusive).
 */
public record AttackLabel(String category, String attacker, String target, Instant start,
    Instant end, String expectedDetector) {

  /** Header row of {@code labels.tsv}. */
  public static final String TSV_HEADER =
      "category\tattacker\ttarget\tstart\tend\texpected_detector";

  public String toTsvRow() {
    return String.join("\t", category, attacker, target, start.toString(), end.toString(),
        expectedDetector);
  }
}
