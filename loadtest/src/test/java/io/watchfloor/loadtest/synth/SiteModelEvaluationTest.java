package io.watchfloor.loadtest.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site-model mode end to end on a small site: 16 workstations for 75 working minutes, a pool
 * threshold of 150 windows (the node's 1,000 would take most of the run at this size) and one
 * held-back host appearing a minute, so that several hosts start from the site model.
 */
class SiteModelEvaluationTest {

  private static final SiteModelMode SMALL = new SiteModelMode(
      0.3, Duration.ofMinutes(1), 6, 150, 10, 100, 4000, Duration.ofHours(6), true);

  @TempDir
  static Path dir;

  private static String markdown;
  private static List<String> groups;

  @BeforeAll
  static void generateAndEvaluate() throws IOException {
    GenerateMain.run(GenerateMain.parse(new String[] {
        "--out", dir.toString(), "--hosts", "16", "--hours", "1.25", "--seed", "5",
        "--start", "2026-11-03T09:00:00Z"}), new PrintStream(new ByteArrayOutputStream()));
    markdown = EvaluateMain.runWithSiteModel(dir, SMALL, new PrintStream(new ByteArrayOutputStream()));
    groups = Files.readAllLines(dir.resolve(EvaluateMain.GROUPS_FILE), StandardCharsets.UTF_8);
  }

  @Test
  void shouldTrainASiteModelAndStartSeveralInternalHostsFromIt() {
    assertThat(markdown).contains("Site model: trained 1 times");
    assertThat(number("hosts started from it \\((\\d+) internal\\)")).isGreaterThanOrEqualTo(5);
    assertThat(number("judged ([\\d,]+) windows")).isGreaterThanOrEqualTo(150);
  }

  @Test
  void shouldRaiseNoFalseNeuralAlertOnHostsThatStartedFromTheSiteModel() {
    assertThat(column("site", "neural_anomaly", 6)).isZero();
  }

  @Test
  void shouldRaiseAtMostOneFalseAlertOfAnyDetectorInEitherGroup() {
    assertThat(column("site", "all", 6)).isLessThanOrEqualTo(1);
    assertThat(column("own", "all", 6)).isLessThanOrEqualTo(1);
  }

  @Test
  void shouldStillDetectTheAttacksOfHostsThatStartedWithTheirOwnModel() {
    int attacks = column("own", "all", 2);
    assertThat(attacks).isGreaterThanOrEqualTo(3);
    assertThat(column("own", "all", 3)).isGreaterThanOrEqualTo(attacks - 1);
  }

  @Test
  void shouldDetectAllButOneAttackOfHostsThatStartedFromTheSiteModel() {
    int attacks = column("site", "all", 2);
    assertThat(attacks).isGreaterThanOrEqualTo(2);
    assertThat(column("site", "all", 3)).isGreaterThanOrEqualTo(attacks - 1);
  }

  /**
   * Column {@code index} of the groups TSV (0 group, 1 detector, 2 attacks, 3 detected, 6 false);
   * 0 for a detector the group has no row for (no attack expected it, it raised nothing).
   */
  private static int column(String group, String detector, int index) {
    return groups.stream().filter(l -> l.startsWith(group + "\t" + detector + "\t")).findFirst()
        .map(l -> Integer.parseInt(l.split("\t")[index])).orElse(0);
  }

  private static int number(String regex) {
    Matcher m = Pattern.compile(regex).matcher(markdown);
    assertThat(m.find()).as("%s in %s", regex, markdown).isTrue();
    return Integer.parseInt(m.group(1).replace(",", ""));
  }
}
