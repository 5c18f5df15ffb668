package io.watchfloor.models.inspect;

import java.util.Locale;

/** The built-in kinds of sensitive data; custom patterns from config carry their own names. */
public enum SensitiveKind {
  CARD_NUMBER("payment card number", "payment_card"),
  NATIONAL_ID("US social security number", "national_id"),
  PRIVATE_KEY("PEM private key", "secret_key"),
  CERTIFICATE("PEM certificate", "certificate"),
  AWS_ACCESS_KEY_ID("AWS access key id", "cloud_credential"),
  AWS_SECRET_KEY("AWS secret access key", "cloud_credential"),
  HTTP_BASIC_AUTH("HTTP Basic credentials", "cleartext_credential"),
  FTP_CREDENTIALS("FTP password", "cleartext_credential"),
  TELNET_LOGIN("Telnet login line", "cleartext_credential");

  private final String description;
  private final String family;

  SensitiveKind(String description, String family) {
    this.description = description;
    this.family = family;
  }

  /** The id in alerts and config, e.g. {@code card_number}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }

  /** ECS rule.category family. */
  public String family() {
    return family;
  }
}
