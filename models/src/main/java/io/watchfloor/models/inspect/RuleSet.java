package io.watchfloor.models.inspect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of loaded rules with the multi-pattern matcher over their fast patterns, and the
 * problems met while loading them. Built off the capture path and swapped in whole by {@link
 * SignatureRules}.
 */
public final class RuleSet {
  public static final RuleSet EMPTY = new RuleSet(List.of(), List.of());

  private final List<SignatureRule> rules;
  private final List<RuleProblem> problems;
  private final LiteralMatcher matcher;
  /** Per literal of {@link #matcher}: the indexes of the rules whose fast pattern it is. */
  private final int[][] rulesByLiteral;

  RuleSet(List<SignatureRule> rules, List<RuleProblem> problems) {
    this.rules = List.copyOf(rules);
    this.problems = List.copyOf(problems);
    Map<String, Integer> ids = new HashMap<>();
    List<byte[]> literals = new ArrayList<>();
    List<List<Integer>> byLiteral = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      SignatureRule rule = rules.get(r);
      byte[] fast = rule.contents().get(rule.fast()).bytes();
      byte[] folded = fast.clone();
      for (int i = 0; i < folded.length; i++) {
        folded[i] = (byte) LiteralMatcher.fold(folded[i] & 0xff);
      }
      String key = new String(folded, StandardCharsets.ISO_8859_1);
      Integer id = ids.get(key);
      if (id == null) {
        id = literals.size();
        ids.put(key, id);
        literals.add(folded);
        byLiteral.add(new ArrayList<>(1));
      }
      byLiteral.get(id).add(r);
    }
    this.matcher = new LiteralMatcher(literals);
    this.rulesByLiteral = byLiteral.stream()
        .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
  }

  /** Loads every rule file; a file that cannot be read is one REJECTED problem at line 0. */
  public static RuleSet load(List<Path> files, IpSet.Variables variables) {
    RuleParser parser = new RuleParser(variables);
    List<SignatureRule> rules = new ArrayList<>();
    List<RuleProblem> problems = new ArrayList<>();
    for (Path file : files) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        problems.add(new RuleProblem(file.toString(), 0, RuleProblem.Kind.REJECTED, "",
            "cannot read the rule file: " + e));
        continue;
      }
      parseLines(parser, file.toString(), lines, rules, problems);
    }
    return new RuleSet(rules, problems);
  }

  /** Rules from text (tests, and rule files already read). */
  static RuleSet parse(String file, String text, IpSet.Variables variables) {
    List<SignatureRule> rules = new ArrayList<>();
    List<RuleProblem> problems = new ArrayList<>();
    parseLines(new RuleParser(variables), file, Arrays.asList(text.split("\n", -1)), rules, problems);
    return new RuleSet(rules, problems);
  }

  private static void parseLines(RuleParser parser, String file, List<String> lines,
      List<SignatureRule> rules, List<RuleProblem> problems) {
    StringBuilder pending = new StringBuilder();
    int firstLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (pending.length() == 0) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        firstLine = i + 1;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      pending.append(line);
      String text = pending.toString().strip();
      pending.setLength(0);
      List<String> ignored = new ArrayList<>();
      try {
        rules.add(parser.parse(text, file, firstLine, ignored));
        for (String keyword : ignored) {
          problems.add(new RuleProblem(file, firstLine, RuleProblem.Kind.IGNORED, keyword,
              "describes the rule only; loaded without it"));
        }
      } catch (RuleParser.Rejected e) {
        problems.add(new RuleProblem(file, firstLine, RuleProblem.Kind.REJECTED, e.keyword, e.getMessage()));
      }
    }
    if (pending.length() > 0) {
      problems.add(new RuleProblem(file, firstLine, RuleProblem.Kind.REJECTED, "",
          "the file ends inside a continued rule"));
    }
  }

  public List<SignatureRule> rules() {
    return rules;
  }

  public List<RuleProblem> problems() {
    return problems;
  }

  LiteralMatcher matcher() {
    return matcher;
  }

  int[] rulesOf(int literal) {
    return rulesByLiteral[literal];
  }

  SignatureRule rule(int index) {
    return rules.get(index);
  }
}
