package io.watchfloor.node.cli;

import io.watchfloor.node.http.auth.Role;
import io.watchfloor.node.http.auth.Tokens;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code watchfloor token --name NAME --role ROLE}: a new API token and the config entry that
 * accepts it. The node only ever stores the hash; the token is shown once, here.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Make an API token and print the watchfloor.http.auth.tokens entry (its SHA-256) for the node config.")
final class TokenCommand implements Callable<Integer> {

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who or what uses the token (shown in the audit log).")
  String name;

  @Option(names = "--role", defaultValue = "viewer", paramLabel = "ROLE",
      description = "viewer (read), analyst (also feedback, acknowledge, silences, pcap download) or admin. Default: ${DEFAULT-VALUE}.")
  String role;

  @Override
  public Integer call() {
    Role r;
    try {
      r = Role.parse(role, "--role");
    } catch (IllegalArgumentException e) {
      System.err.println("watchfloor: error: " + e.getMessage());
      return 2;
    }
    if (!name.matches("[A-Za-z0-9._@-]{1,64}")) {
      System.err.println("watchfloor: error: --name must be 1-64 letters, digits or . _ @ -");
      return 2;
    }
    String token = Tokens.newToken();
    System.out.println("token (give it to " + name + "; it is not stored anywhere):");
    System.out.println("  " + token);
    System.out.println("add to watchfloor.http.auth.tokens in the node config:");
    System.out.println("  { name = \"" + name + "\", role = " + r.id() + ", sha256 = \"" + Tokens.sha256(token) + "\" }");
    return 0;
  }
}
