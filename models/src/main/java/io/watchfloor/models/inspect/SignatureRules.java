package io.watchfloor.models.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The current rule set of a node, reloadable without restart: {@link #reload()} parses the rule
 * files into a new immutable {@link RuleSet} and swaps it in with one volatile write, so capture
 * threads see either the old set or the new one, never a mix. {@link #reloadIfChanged()} is the
 * cheap check a node calls periodically (a file's modification time or size changed, or a file
 * appeared or vanished). Reloads are serialised; matching never waits for them.
 */
public final class SignatureRules {
  private final List<Path> files;
  private final IpSet.Variables variables;
  private volatile RuleSet current = RuleSet.EMPTY;
  private List<String> stamps = List.of();

  public SignatureRules(List<Path> files, IpSet.Variables variables) {
    this.files = List.copyOf(files);
    this.variables = variables;
  }

  /** A fixed rule set (tests, benchmarks). */
  public static SignatureRules of(RuleSet rules) {
    SignatureRules r = new SignatureRules(List.of(), name -> IpSet.ANY);
    r.current = rules;
    return r;
  }

  public RuleSet current() {
    return current;
  }

  /** Reads every rule file again and swaps the result in; returns it (with its load problems). */
  public synchronized RuleSet reload() {
    List<String> before = stamps();
    RuleSet loaded = RuleSet.load(files, variables);
    current = loaded;
    stamps = before;
    return loaded;
  }

  /** Reloads when a rule file changed since the last load; empty when nothing changed. */
  public synchronized Optional<RuleSet> reloadIfChanged() {
    if (stamps().equals(stamps)) {
      return Optional.empty();
    }
    return Optional.of(reload());
  }

  private List<String> stamps() {
    List<String> out = new ArrayList<>(files.size());
    for (Path f : files) {
      try {
        FileTime modified = Files.getLastModifiedTime(f);
        out.add(modified.toMillis() + "/" + Files.size(f));
      } catch (IOException e) {
        out.add("missing");
      }
    }
    return out;
  }
}
