package io.watchfloor.loadtest.eval;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.score.IsolationForestSettings;
import io.watchfloor.models.score.NeuralSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The data sets of the evaluation (files under the shared {@code datasets/} folder, described in its
 * MANIFEST.tsv), their feature columns and the hyper-parameters used on each. The hyper-parameters
 * are documented in docs/models.md; they were chosen once, by a handful of trials, not searched.
 */
public final class Datasets {

  /** Where the shared data sets live on the development machines. */
  public static final Path DEFAULT_DIRECTORY = Path.of("/work/shared/data/datasets");

  static final String NSL_KDD_FILE = "nslkdd_KDDTest+.txt";
  static final String CIC_BENIGN_FILE = "cicids2017_improved_BENIGN_5000.csv";
  static final String CIC_PORTSCAN_FILE = "cicids2017_improved_Portscan_5000.csv";

  private static final long SPLIT_SEED = 20_171_122;
  private static final double TRAIN_SHARE = 0.6;

  private Datasets() {}

  /**
   * NSL-KDD's KDDTest+ (22,544 connections, 41 features): protocol, service and flag one-hot, the
   * other 38 numeric; the difficulty column (derived from labels) is left out.
   */
  public static EvaluationResult nslKdd(Path directory) {
    LabeledTable table =
        LabeledTable.read(directory.resolve(NSL_KDD_FILE), "label", "normal"::equals);
    List<String> h = table.header();
    Set<String> categorical = Set.of("protocol_type", "service", "flag");
    Set<String> excluded = Set.of("label", "#correctly_predicted");
    return evaluation("NSL-KDD (KDDTest+)", h, categorical, excluded,
            settings("neural { layers = [32, 8], epochs = 30, batch-size = 256 }"))
        .run(table);
  }

  /**
   * CIC-IDS2017 (Engelen et al.'s improved labels), 5,000 BENIGN flows against 5,000 port-scan
   * flows: protocol one-hot, the CICFlowMeter statistics numeric; identifiers (flow id, addresses,
   * ports), the timestamp and the label columns are left out.
   */
  public static EvaluationResult cicIds2017PortScan(Path directory) {
    LabeledTable benign =
        LabeledTable.read(directory.resolve(CIC_BENIGN_FILE), "Label", "BENIGN"::equals);
    LabeledTable scans =
        LabeledTable.read(directory.resolve(CIC_PORTSCAN_FILE), "Label", "BENIGN"::equals);
    if (!benign.header().equals(scans.header())) {
      throw new IllegalArgumentException(CIC_BENIGN_FILE + " and " + CIC_PORTSCAN_FILE
          + " have different columns");
    }
    List<String[]> attacks = new ArrayList<>(benign.attacks());
    attacks.addAll(scans.attacks());
    List<String[]> normal = new ArrayList<>(benign.normal());
    normal.addAll(scans.normal());
    LabeledTable table = new LabeledTable(benign.header(), normal, attacks,
        benign.skipped() + scans.skipped());
    Set<String> excluded = Set.of("id", "Flow ID", "Src IP", "Src Port", "Dst IP",
        "Timestamp", "Label", "Attempted Category");
    return evaluation("CIC-IDS2017 BENIGN vs PortScan", table.header(), Set.of("Protocol", "Dst Port"),
            excluded, settings("neural { layers = [32, 8], epochs = 60, batch-size = 256 }"))
        .run(table);
  }

  private static DatasetEvaluation evaluation(String name, List<String> header,
      Set<String> categorical, Set<String> excluded, Config models) {
    List<Integer> numericColumns = new ArrayList<>();
    List<Integer> categoricalColumns = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      String column = header.get(c);
      if (categorical.contains(column)) {
        categoricalColumns.add(c);
      } else if (!excluded.contains(column)) {
        numericColumns.add(c);
      }
    }
    return new DatasetEvaluation(name, numericColumns, categoricalColumns, TRAIN_SHARE, SPLIT_SEED,
        NeuralSettings.create(models), IsolationForestSettings.create(models));
  }

  /** The shipped {@code watchfloor.models} defaults with the given overrides. */
  private static Config settings(String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.load().getConfig("watchfloor.models"));
  }
}
