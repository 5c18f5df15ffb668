package io.watchfloor.protocol.alert;

/**
 * Alert severity. ECS {@code event.severity} is numeric; we use the same numbers as Elastic's
 * risk-score bands so that SIEM rules can compare them.
 */
public enum Severity {
  LOW(21),
  MEDIUM(47),
  HIGH(73),
  CRITICAL(99);

  private final int ecsNumber;

  Severity(int ecsNumber) {
    this.ecsNumber = ecsNumber;
  }

  public int ecsNumber() {
    return ecsNumber;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
