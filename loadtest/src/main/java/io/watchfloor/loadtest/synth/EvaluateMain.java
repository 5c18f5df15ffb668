package io.watchfloor.loadtest.synth;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.protocol.alert.Anomaly;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command line: {@code EvaluateMain --dir DIR} replays {@code DIR/synth.pcap} through the models
 * ({@link SynthEvaluation}, default {@code watchfloor.models} configuration), scores the anomalies
 * against {@code DIR/truth.tsv} ({@link DetectionReport}), prints the table and writes {@code
 * evaluation.md}, {@code evaluation.tsv} and {@code anomalies.tsv} (every anomaly, marked true or
 * false) into DIR. Exit status 0 on success, 1 on unreadable input, 2 on bad arguments.
 */
public final class EvaluateMain {

  static final String MARKDOWN_FILE = "evaluation.md";
  static final String TSV_FILE = "evaluation.tsv";
  static final String ANOMALIES_FILE = "anomalies.tsv";
  /** Prefix of the site-model mode's files, which leave the plain run's in place. */
  static final String SITE_PREFIX = "site-model-";
  /** Prefix of the control run's files ({@link SiteModelMode#control()}). */
  static final String CONTROL_PREFIX = "site-model-control-";
  static final String GROUPS_FILE = SITE_PREFIX + "groups.tsv";
  static final String USAGE = "usage: EvaluateMain --dir DIR [--site-model|--site-model-control]"
      + "   (reads DIR/"
      + GenerateMain.PCAP_FILE + " and DIR/" + GenerateMain.TRUTH_FILE + ", writes "
      + MARKDOWN_FILE + ", " + TSV_FILE + " and " + ANOMALIES_FILE + " there; with --site-model"
      + " new hosts start from a site model as in a node, a quarter of the hosts appear late, and"
      + " the files are " + SITE_PREFIX + "*, with " + GROUPS_FILE + "; --site-model-control: the"
      + " same, but the hosts that would start from the site model start with nothing; files "
      + CONTROL_PREFIX + "*)";

  private EvaluateMain() {}

  public static void main(String[] args) {
    boolean control = args.length == 3 && args[2].equals("--site-model-control");
    boolean siteModel = control || args.length == 3 && args[2].equals("--site-model");
    Path dir = (args.length == 2 || siteModel) && args[0].equals("--dir") ? parse(args[1]) : null;
    if (dir == null) {
      System.err.println(USAGE);
      System.exit(GenerateMain.EXIT_USAGE);
      return;
    }
    try {
      System.out.print(siteModel
          ? runWithSiteModel(dir, control ? SiteModelMode.NODE_DEFAULTS.control()
              : SiteModelMode.NODE_DEFAULTS, System.err)
          : run(dir, System.err));
    } catch (IOException | RuntimeException e) {
      System.err.println("EvaluateMain: cannot evaluate " + dir + ": " + e);
      System.exit(GenerateMain.EXIT_IO_ERROR);
    }
  }

  private static Path parse(String arg) {
    try {
      return Path.of(arg);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** Evaluates DIR and writes the reports; returns the Markdown report. */
  static String run(Path dir, PrintStream progress) throws IOException {
    List<TruthRow> truth = TruthRow.read(dir.resolve(GenerateMain.TRUTH_FILE));
    ModelSettings settings = ModelSettings.create(ConfigFactory.load());
    SynthEvaluation.Replay replay = replay(dir, settings, HostLifecycle.NONE, progress);
    long grace = graceMillis(settings);
    DetectionReport report = new DetectionReport(truth, replay.anomalies(), replay.hostDays(), grace);
    String markdown = describe(replay, truth.size(), grace) + "\n" + report.markdown();
    Files.writeString(dir.resolve(MARKDOWN_FILE), markdown, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(TSV_FILE), report.tsv(), StandardCharsets.UTF_8);
    writeAnomalies(dir.resolve(ANOMALIES_FILE), replay.anomalies(), truth, grace, Set.of(),
        Map.of());
    return markdown;
  }

  /**
   * Evaluates DIR as a node with a site model sees it ({@link SiteModelReplay}): the whole run's
   * table, then one per group of hosts ({@link StartGroups}); writes the {@link #SITE_PREFIX} files
   * ({@link #CONTROL_PREFIX} for a control run).
   */
  static String runWithSiteModel(Path dir, SiteModelMode mode, PrintStream progress)
      throws IOException {
    List<TruthRow> truth = TruthRow.read(dir.resolve(GenerateMain.TRUTH_FILE));
    ModelSettings settings = ModelSettings.create(ConfigFactory.load());
    SiteModelReplay site = new SiteModelReplay(mode,
        settings.neural().orElseThrow(() -> new IllegalStateException(
            "the site-model mode needs watchfloor.models.neural.enabled = on")).scorer());
    SynthEvaluation.Replay replay = replay(dir, settings, site, progress);
    long grace = graceMillis(settings);
    String prefix = mode.handOut() ? SITE_PREFIX : CONTROL_PREFIX;
    StartGroups groups = new StartGroups(site.starts(), site.startMillis(), truth,
        replay.anomalies(), replay.lastMillis(), grace);
    double hostDays = groups.siteStarted().hostDays() + groups.ownStarted().hostDays();
    DetectionReport report =
        new DetectionReport(groups.observedAttacks(), groups.keptAnomalies(), hostDays, grace);
    String markdown = describe(replay, truth.size(), grace) + "\n" + report.markdown()
        + groups.markdown(site, replay.anomalies(), grace, truth);
    Files.writeString(dir.resolve(prefix + MARKDOWN_FILE), markdown, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(prefix + TSV_FILE), report.tsv(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(prefix + "groups.tsv"), groups.tsv(), StandardCharsets.UTF_8);
    writeAnomalies(dir.resolve(prefix + ANOMALIES_FILE), replay.anomalies(), truth, grace,
        site.scoredBySiteModel(), site.starts());
    return markdown;
  }

  private static SynthEvaluation.Replay replay(Path dir, ModelSettings settings,
      HostLifecycle lifecycle, PrintStream progress) throws IOException {
    long started = System.nanoTime();
    return SynthEvaluation.replay(dir.resolve(GenerateMain.PCAP_FILE), settings, lifecycle,
        packets -> progress.printf(Locale.ROOT, "  %,d packets replayed (%.0f s)%n", packets,
            (System.nanoTime() - started) / 1e9));
  }

  /**
   * How long after an attack's last packet its anomalies may still appear: the TCP idle timeout
   * (a finished flow is exported only then, into the window current at that moment) plus three
   * windows (the flow table's once-a-second sweep and the window the export lands in; the largest lag
   * seen in the 48-hour run was 71 s with the default 60 s + 10 s).
   */
  static long graceMillis(ModelSettings settings) {
    return settings.flows().tcpIdleNanos() / 1_000_000L + 3 * settings.window().windowMillis();
  }

  private static String describe(SynthEvaluation.Replay r, int attacks, long grace) {
    return String.format(Locale.ROOT,
        "Replayed %,d packets (%s to %s) in %.1f s (%.2f M packets/s): %,d host windows, %d host"
            + " keys analyzed, %d internal hosts, %.1f host-days; %d attacks in the ground truth;"
            + " %d anomalies; matching grace %d s after an attack's last packet.%n",
        r.packets(), Instant.ofEpochMilli(r.firstMillis()), Instant.ofEpochMilli(r.lastMillis()),
        r.seconds(), r.packets() / r.seconds() / 1e6, r.windows(), r.hostsAnalyzed(),
        r.internalHosts().size(), r.hostDays(), attacks, r.anomalies().size(), grace / 1000);
  }

  /**
   * One line per anomaly; the last column says how its host started ("own", "site") and, for a
   * host that started from the site model, whether it still scored with it ("site_model").
   */
  private static void writeAnomalies(Path tsv, List<Anomaly> anomalies, List<TruthRow> truth,
      long grace, Set<String> scoredBySiteModel, Map<String, SiteModelReplay.Start> starts)
      throws IOException {
    StringBuilder out = new StringBuilder("verdict\trule.name\thost\twindow_start\tdestination.ip"
        + "\tdestination.port\tsummary\tstart\n");
    for (Anomaly a : anomalies) {
      boolean explained = truth.stream().anyMatch(t -> DetectionReport.explains(t, a, grace));
      out.append(explained ? "true" : "false").append('\t').append(a.detector()).append('\t')
          .append(a.host()).append('\t').append(Instant.ofEpochMilli(a.windowStartMillis()))
          .append('\t').append(a.destinationIp() == null ? "" : a.destinationIp()).append('\t')
          .append(a.destinationPort() == null ? "" : a.destinationPort()).append('\t')
          .append(a.explanation().summary().replace('\t', ' ').replace('\n', ' ')).append('\t')
          .append(scoredBySiteModel.contains(a.id()) ? "site_model"
              : starts.get(a.host()) == SiteModelReplay.Start.SITE ? "site" : "own").append('\n');
    }
    Files.writeString(tsv, out, StandardCharsets.UTF_8);
  }
}
