package io.watchfloor.node.http;

import io.watchfloor.node.evidence.EvidenceSource;
import io.watchfloor.node.evidence.EvidenceStore;
import io.watchfloor.node.evidence.PcapExtractor;
import io.watchfloor.node.store.AnomalyRepository;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.ip.IpAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/v1/anomalies/{id}/pcap}: the anomaly host's packets from its window (widened by
 * {@code watchfloor.evidence.before/after}) as a pcap file, read from the segment's capture file or
 * packet ring on a blocking-I/O executor. Headers say how many packets it holds and whether it was
 * cut at {@code max-export-bytes}.
 */
final class EvidenceRoutes extends AllDirectives {
  private static final ContentType PCAP =
      ContentTypes.create(MediaTypes.applicationBinary("vnd.tcpdump.pcap", false, "pcap"));

  private final AnomalyRepository anomalies;
  private final EvidenceStore evidence;
  private final Executor blocking;

  EvidenceRoutes(AnomalyRepository anomalies, EvidenceStore evidence, Executor blocking) {
    this.anomalies = anomalies;
    this.evidence = evidence;
    this.blocking = blocking;
  }

  /** Matches {@code anomalies/{id}/pcap} under {@code /api/v1}. */
  Route routes() {
    return pathPrefix("anomalies", () ->
        pathPrefix(PathMatchers.segment(), id -> path("pcap", () -> get(() -> pcap(id)))));
  }

  private Route pcap(String id) {
    if (!id.matches("[0-9a-fA-F-]{36}")) {
      throw ApiError.badRequest("anomaly id '" + id + "' is not a UUID");
    }
    CompletionStage<HttpResponse> response = anomalies.byId(id).thenCompose(found -> {
      Anomaly a = found.orElseThrow(() -> ApiError.notFound("no anomaly " + id));
      EvidenceSource source = evidence.source(a.segment()).orElseThrow(() -> ApiError.notFound(
          "no packets of segment '" + a.segment() + "' on this node (its capture ran elsewhere or"
              + " has ended and was not a file)"));
      return CompletableFuture.supplyAsync(() -> export(a, source), blocking);
    });
    return onSuccess(response, r -> complete(r));
  }

  private HttpResponse export(Anomaly a, EvidenceSource source) {
    long from = (a.windowStartMillis() - evidence.settings().before().toMillis()) * 1_000_000L;
    long to = (a.windowEndMillis() + evidence.settings().after().toMillis()) * 1_000_000L;
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    PcapExtractor.Result r;
    try {
      List<EvidenceSource.Part> parts = source.parts(from, to);
      r = PcapExtractor.extract(parts, IpAddress.parse(a.host()), from, to,
          evidence.settings().maxExportBytes(), evidence.settings().snaplen(), out);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the packets of segment " + a.segment() + ": " + e.getMessage(), e);
    }
    return HttpResponse.create()
        .withStatus(StatusCodes.OK)
        .withEntity(HttpEntities.create(PCAP, out.toByteArray()))
        .addHeader(RawHeader.create("Content-Disposition", "attachment; filename=\"" + a.id() + ".pcap\""))
        .addHeader(RawHeader.create("X-Watchfloor-Packets", Long.toString(r.packets())))
        .addHeader(RawHeader.create("X-Watchfloor-Truncated", Boolean.toString(r.truncated())));
  }
}
