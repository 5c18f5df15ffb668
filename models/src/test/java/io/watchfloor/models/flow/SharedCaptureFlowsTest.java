package io.watchfloor.models.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.watchfloor.protocol.flow.FlowRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared capture against two independent tools: the flow count against argus + racluster
 * (REFERENCE_FLOW_COUNTS.tsv; racluster merges records of the same key, oriented as argus
 * oriented them, so we count distinct oriented keys the same way), and every TCP/UDP flow's packets
 * and bytes, per direction, against tshark's conversation tables.
 */
class SharedCaptureFlowsTest {

  static Stream<Arguments> references() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(CaptureFlows.dir().resolve("REFERENCE_FLOW_COUNTS.tsv"));
    List<String> header = List.of(lines.get(0).split("\t"));
    int argus = header.indexOf("argus_racluster_flows");
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t");
      rows.add(Arguments.of(cells[0], Integer.parseInt(cells[argus])));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void shouldCountFlowsLikeArgus(String file, int argusFlows) {
    CaptureFlows flows = CaptureFlows.of(file);

    assertThat((double) flows.orientedKeys().size())
        .as("%s: %d records, keys %s", file, flows.records().size(), flows.orientedKeys())
        .isCloseTo(argusFlows, org.assertj.core.data.Offset.offset(argusFlows * 0.02));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("references")
  void shouldCountPacketsAndBytesLikeTsharkConversations(String file, int ignored) throws Exception {
    assumeTrue(tsharkAvailable(), "tshark is not installed");
    Map<String, long[]> tshark = tsharkConversations(CaptureFlows.dir().resolve(file));
    Map<String, long[]> ours = new HashMap<>();
    for (FlowRecord r : CaptureFlows.of(file).records()) {
      if (!r.transport().equals("tcp") && !r.transport().equals("udp")) {
        continue;
      }
      String src = endpoint(r.sourceIp(), r.sourcePort());
      String dst = endpoint(r.destinationIp(), r.destinationPort());
      boolean sourceFirst = src.compareTo(dst) <= 0;
      String key = r.transport() + " " + (sourceFirst ? src + " " + dst : dst + " " + src);
      long[] sum = ours.computeIfAbsent(key, k -> new long[4]);
      // [frames first->second, bytes first->second, frames second->first, bytes second->first]
      sum[sourceFirst ? 0 : 2] += r.sourcePackets();
      sum[sourceFirst ? 1 : 3] += r.sourceBytes();
      sum[sourceFirst ? 2 : 0] += r.destinationPackets();
      sum[sourceFirst ? 3 : 1] += r.destinationBytes();
    }

    assertThat(ours.keySet()).as(file).containsExactlyInAnyOrderElementsOf(tshark.keySet());
    for (Map.Entry<String, long[]> conversation : tshark.entrySet()) {
      long[] t = conversation.getValue();
      long[] o = ours.get(conversation.getKey());
      String what = file + " " + conversation.getKey();
      assertThat(o[0]).as(what + " frames ->").isEqualTo(t[0]);
      assertThat(o[2]).as(what + " frames <-").isEqualTo(t[2]);
      assertThat(tsharkSize(o[1])).as(what + " bytes ->").isEqualTo(tsharkSize(t[1]));
      assertThat(tsharkSize(o[3])).as(what + " bytes <-").isEqualTo(tsharkSize(t[3]));
    }
  }

  static boolean tsharkAvailable() {
    try {
      Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  /** "A:p <-> B:p  fr bytes  fr bytes  fr bytes ..." rows: frames and sizes "<-" (B to A), "->" (A to B). */
  private static final Pattern ROW = Pattern.compile(
      "^(\\S+):(\\d+)\\s+<->\\s+(\\S+):(\\d+)\\s+(\\d+)\\s+(\\d+) (bytes|kB|MB|GB)\\s+(\\d+)\\s+(\\d+) (bytes|kB|MB|GB)\\s");

  static Map<String, long[]> tsharkConversations(Path pcap) throws Exception {
    String out = run("tshark", "-r", pcap.toString(), "-q", "-z", "conv,tcp", "-z", "conv,udp");
    Map<String, long[]> conversations = new HashMap<>();
    String transport = null;
    for (String line : out.split("\n")) {
      if (line.startsWith("TCP Conversations")) {
        transport = "tcp";
      } else if (line.startsWith("UDP Conversations")) {
        transport = "udp";
      }
      Matcher m = ROW.matcher(line);
      if (!m.find()) {
        continue;
      }
      String a = endpoint(m.group(1), Integer.parseInt(m.group(2)));
      String b = endpoint(m.group(3), Integer.parseInt(m.group(4)));
      long backFrames = Long.parseLong(m.group(5));
      long backBytes = scaled(m.group(6), m.group(7));
      long forthFrames = Long.parseLong(m.group(8));
      long forthBytes = scaled(m.group(9), m.group(10));
      boolean aFirst = a.compareTo(b) <= 0;
      long[] v = aFirst
          ? new long[] {forthFrames, forthBytes, backFrames, backBytes}
          : new long[] {backFrames, backBytes, forthFrames, forthBytes};
      conversations.merge(transport + " " + (aFirst ? a + " " + b : b + " " + a), v, (x, y) -> {
        for (int i = 0; i < 4; i++) {
          x[i] += y[i];
        }
        return x;
      });
    }
    return conversations;
  }

  private static String endpoint(String ip, int port) {
    return ip + "." + port;
  }

  /** tshark prints sizes as Wireshark's format_size does: exact below 10^4, then truncated SI units. */
  private static long scaled(String value, String unit) {
    long v = Long.parseLong(value);
    switch (unit) {
      case "kB":
        return v * 1_000L;
      case "MB":
        return v * 1_000_000L;
      case "GB":
        return v * 1_000_000_000L;
      default:
        return v;
    }
  }

  static String tsharkSize(long bytes) {
    if (bytes < 10_000L) {
      return bytes + " bytes";
    }
    if (bytes < 10_000_000L) {
      return bytes / 1_000L + " kB";
    }
    if (bytes < 10_000_000_000L) {
      return bytes / 1_000_000L + " MB";
    }
    return bytes / 1_000_000_000L + " GB";
  }
}
