package io.watchfloor.node.alert.receiver;

import java.util.List;

/**
 * E-mail over SMTP, Alertmanager's {@code email_configs} shape.
 *
 * @param smarthost the SMTP server, {@code host:port}
 * @param authPasswordEnv environment variable holding the password, or "" without authentication
 * @param requireTls insist on STARTTLS (on by default, as in Alertmanager)
 */
public record EmailIntegration(
    List<String> to, String from, String smarthost, String authUsername, String authPasswordEnv, boolean requireTls)
    implements Integration {

  public EmailIntegration {
    to = List.copyOf(to);
  }

  @Override
  public String kind() {
    return "email";
  }

  public String host() {
    return smarthost.substring(0, smarthost.lastIndexOf(':'));
  }

  public int port() {
    return Integer.parseInt(smarthost.substring(smarthost.lastIndexOf(':') + 1));
  }
}
