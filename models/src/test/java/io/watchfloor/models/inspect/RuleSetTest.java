package io.watchfloor.models.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetTest {
  private static final IpSet.Variables VARIABLES = new PayloadInspectionSettings(1, 1, false, List.of(),
      true, List.of(), List.of("10.0.0.0/8", "192.168.0.0/16"), "!$HOME_NET", false, ServicePolicy.NONE)
      .variables();

  private static Path rules() {
    return Path.of(System.getProperty("user.dir"), "src/test/resources/inspect/test.rules");
  }

  @Test
  void shouldLoadSupportedRulesAndReportTheRestWithFileLineAndKeyword() {
    RuleSet set = RuleSet.load(List.of(rules()), VARIABLES);

    assertThat(set.rules()).extracting(SignatureRule::sid).containsExactly(1000001L, 1000002L, 1000003L, 1000008L);
    assertThat(set.problems()).extracting(RuleProblem::toString).containsExactly(
        rules() + ":8: keyword ignored: 'reference' describes the rule only; loaded without it",
        rules() + ":8: keyword ignored: 'metadata' describes the rule only; loaded without it",
        rules() + ":10: rule rejected: 'http_uri' keyword not supported",
        rules() + ":12: rule rejected: 'byte_test' keyword not supported",
        rules() + ":14: rule rejected: expected 'alert <proto> <src> <sport> -> <dst> <dport> (options)'",
        rules() + ":16: rule rejected: 'sid' a rule needs a sid");
  }

  @Test
  void shouldKeepTheLineOfTheFirstLineOfAContinuedRule() {
    RuleSet set = RuleSet.load(List.of(rules()), VARIABLES);
    SignatureRule ftp = set.rules().get(3);
    assertThat(ftp.line()).isEqualTo(18);
    assertThat(ftp.rev()).isEqualTo(3);
    assertThat(ftp.direction()).isEqualTo(1);
  }

  @Test
  void shouldRejectUnsupportedPcreFlagsAndNegatedContent() {
    RuleSet set = RuleSet.parse("inline", String.join("\n",
        "alert tcp any any -> any any (msg:\"a\"; content:\"x\"; pcre:\"/x/R\"; sid:1;)",
        "alert tcp any any -> any any (msg:\"b\"; content:!\"x\"; sid:2;)",
        "alert tcp any any -> any $HTTP_PORTS (msg:\"c\"; content:\"x\"; sid:3;)",
        "alert tcp $DNS_SERVERS any -> any any (msg:\"d\"; content:\"x\"; sid:4;)"), VARIABLES);
    assertThat(set.rules()).isEmpty();
    assertThat(set.problems()).extracting(RuleProblem::keyword).containsExactly("pcre/R", "content:!", "", "");
    assertThat(set.problems().get(2).reason()).contains("$HTTP_PORTS");
    assertThat(set.problems().get(3).reason()).contains("unknown variable $DNS_SERVERS");
  }

  @Test
  void shouldMatchContentsWithTheirPositions() {
    SignatureRule rule = RuleSet.parse("inline",
        "alert tcp any any -> any any (msg:\"m\"; content:\"|de ad be ef|\"; depth:4; content:\"beacon\"; "
            + "distance:0; within:10; pcre:\"/beacon-[0-9]{3}/\"; sid:9;)", VARIABLES).rules().get(0);
    byte[] hit = bytes("\u00de\u00ad\u00be\u00efxxbeacon-123");
    byte[] tooFar = bytes("\u00de\u00ad\u00be\u00efxxxxxxxxxxbeacon-123");
    byte[] notAtStart = bytes("z\u00de\u00ad\u00be\u00efxxbeacon-123");
    assertThat(rule.payloadMatches(hit, 0, hit.length, 0)).isTrue();
    assertThat(rule.payloadMatches(tooFar, 0, tooFar.length, 0)).isFalse();
    assertThat(rule.payloadMatches(notAtStart, 0, notAtStart.length, 0)).isFalse();
    assertThat(rule.payloadMatches(hit, 0, hit.length, 100)).as("depth counts from the stream start").isFalse();
  }

  @Test
  void shouldSwapInReloadedRulesOnlyWhenAFileChanged(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("site.rules");
    Files.writeString(file, "alert tcp any any -> any any (msg:\"one\"; content:\"one\"; sid:1;)\n");
    SignatureRules rules = new SignatureRules(List.of(file), VARIABLES);
    rules.reload();
    RuleSet first = rules.current();
    assertThat(rules.reloadIfChanged()).isEmpty();

    Files.writeString(file, "alert tcp any any -> any any (msg:\"one\"; content:\"one\"; sid:1;)\n"
        + "alert tcp any any -> any any (msg:\"two\"; content:\"two\"; sid:2;)\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));

    assertThat(rules.reloadIfChanged()).isPresent();
    assertThat(rules.current()).isNotSameAs(first);
    assertThat(first.rules()).hasSize(1);
    assertThat(rules.current().rules()).extracting(SignatureRule::msg).containsExactly("one", "two");
  }

  @Test
  void shouldReportAnUnreadableRuleFileAndLoadTheOthers(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("good.rules");
    Files.writeString(good, "alert tcp any any -> any any (msg:\"g\"; content:\"g\"; sid:7;)\n");
    RuleSet set = RuleSet.load(List.of(dir.resolve("missing.rules"), good), VARIABLES);
    assertThat(set.rules()).hasSize(1);
    assertThat(set.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).endsWith("missing.rules");
      assertThat(p.reason()).startsWith("cannot read the rule file");
    });
  }

  private static byte[] bytes(String latin1) {
    return latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
