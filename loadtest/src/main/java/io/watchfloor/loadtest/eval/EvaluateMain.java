package io.watchfloor.loadtest.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the data-set evaluations and prints a Markdown table (ROC-AUC of the autoencoder and of the
 * isolation forest, detection and false-alarm rates at the autoencoder's own threshold, training
 * times).
 *
 * <p>usage: {@code EvaluateMain [--data DIR] [--only nsl-kdd|cic-ids2017]}
 */
public final class EvaluateMain {

  private EvaluateMain() {}

  public static void main(String[] args) {
    Path data = Datasets.DEFAULT_DIRECTORY;
    String only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(value(args, ++i, "--data"));
        case "--only" -> only = value(args, ++i, "--only");
        default -> usage("unknown argument: " + args[i]);
      }
    }
    if (only != null && !only.equals("nsl-kdd") && !only.equals("cic-ids2017")) {
      usage("--only takes nsl-kdd or cic-ids2017, not " + only);
    }
    if (!Files.isDirectory(data)) {
      usage("no data set folder " + data);
    }
    List<EvaluationResult> results = new ArrayList<>();
    if (only == null || only.equals("nsl-kdd")) {
      System.err.println("Evaluating NSL-KDD ...");
      results.add(Datasets.nslKdd(data));
    }
    if (only == null || only.equals("cic-ids2017")) {
      System.err.println("Evaluating CIC-IDS2017 BENIGN vs PortScan ...");
      results.add(Datasets.cicIds2017PortScan(data));
    }
    System.out.println(table(results));
  }

  static String table(List<EvaluationResult> results) {
    StringBuilder b = new StringBuilder();
    b.append("| data set | features | train normal | test normal | test attacks | rejected rows "
        + "| AE ROC-AUC | iforest ROC-AUC | AE detection / false alarms at its own threshold "
        + "| AE detection at 1 % false alarms | AE training s | iforest fit s |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (EvaluationResult r : results) {
      b.append(String.format(Locale.ROOT,
          "| %s | %d | %d | %d | %d | %d | %.4f | %.4f | %.1f %% / %.2f %% | %.1f %% | %.1f | %.2f |%n",
          r.dataset(), r.dimension(), r.trainRows(), r.testNormalRows(), r.testAttackRows(),
          r.rejectedRows(), r.autoencoderAuc(), r.forestAuc(), 100 * r.detectionRate(),
          100 * r.falseAlarmRate(), 100 * r.detectionAtOnePercent(), r.autoencoderTrainSeconds(), r.forestFitSeconds()));
    }
    return b.toString();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      usage(option + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    System.err.println("evaluate: " + problem);
    System.err.println("usage: EvaluateMain [--data DIR] [--only nsl-kdd|cic-ids2017]");
    System.exit(2);
  }
}
