package io.watchfloor.loadtest.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Guards the detection quality of the learned scorers on the shared public data sets (the floors
 * are the goals of docs/models.md). Skipped, with a message, where the data sets are not installed;
 * {@code -Dwatchfloor.datasets=DIR} points elsewhere.
 */
class DatasetEvaluationTest {

  private static final Path DATA =
      Path.of(System.getProperty("watchfloor.datasets", Datasets.DEFAULT_DIRECTORY.toString()));

  @Test
  @Timeout(120)
  void shouldSeparateNslKddAttacksFromHeldOutNormalConnections() {
    assumeData(Datasets.NSL_KDD_FILE);

    EvaluationResult r = timed(() -> Datasets.nslKdd(DATA));

    assertThat(r.testNormalRows()).isGreaterThan(3000);
    assertThat(r.testAttackRows()).isEqualTo(12_833);
    assertThat(r.autoencoderAuc()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.forestAuc()).isGreaterThanOrEqualTo(0.90);
    assertThat(r.falseAlarmRate()).isLessThan(0.02);
  }

  @Test
  @Timeout(120)
  void shouldSeparateCicIds2017PortScansFromHeldOutBenignFlows() {
    assumeData(Datasets.CIC_BENIGN_FILE);
    assumeData(Datasets.CIC_PORTSCAN_FILE);

    EvaluationResult r = timed(() -> Datasets.cicIds2017PortScan(DATA));

    assertThat(r.testAttackRows()).isEqualTo(5000);
    assertThat(r.autoencoderAuc()).isGreaterThanOrEqualTo(0.99);
    assertThat(r.forestAuc()).isGreaterThanOrEqualTo(0.98);
  }

  private static void assumeData(String file) {
    assumeTrue(Files.isReadable(DATA.resolve(file)),
        () -> DATA.resolve(file) + " is not installed; the evaluation cannot run here");
  }

  private static EvaluationResult timed(java.util.function.Supplier<EvaluationResult> run) {
    long t0 = System.nanoTime();
    EvaluationResult r = run.get();
    System.out.println(EvaluateMain.table(java.util.List.of(r))
        + "(" + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms)");
    return r;
  }
}
