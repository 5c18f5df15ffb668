package io.watchfloor.models.window;

import io.watchfloor.models.flow.AppPayloadInspector;
import io.watchfloor.models.flow.FlowSettings;
import io.watchfloor.models.flow.FlowSink;
import io.watchfloor.models.flow.FlowTable;
import io.watchfloor.models.flow.StreamInspector;
import io.watchfloor.models.inspect.FlowMetadataRedactor;
import io.watchfloor.models.inspect.PayloadInspectionSettings;
import io.watchfloor.models.inspect.PayloadMatchCollector;
import io.watchfloor.models.inspect.PayloadScanner;
import io.watchfloor.models.inspect.RuleSet;
import io.watchfloor.models.inspect.SignatureRules;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.host.HostWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one segment does with each decoded packet on its capture thread: per-host window
 * counters, and the flow table whose exported flows (with application protocol and metadata) are
 * attached to the window of the host that started them. The node's capture loop and the tests that
 * replay captures both go through here. With payload inspection configured, the flow table also
 * scans payload (sensitive data, signatures) and what it finds is attached, redacted, to the
 * closing windows of the hosts that sent it; flow metadata holding sensitive data is masked.
 */
public final class SegmentWindows {
  private final HostWindowAggregator aggregator;
  private final FlowTable flows;
  private final PayloadMatchCollector payloadMatches;

  /** Without payload inspection. */
  public SegmentWindows(String site, String segment, WindowSettings windows, FlowSettings flowSettings) {
    this(site, segment, windows, flowSettings, PayloadInspectionSettings.OFF, null);
  }

  /**
   * @param rules the node's signature rules, shared by its segments and reloaded in place (null
   *     when signatures are off)
   */
  public SegmentWindows(String site, String segment, WindowSettings windows, FlowSettings flowSettings,
      PayloadInspectionSettings inspection, SignatureRules rules) {
    this.aggregator = new HostWindowAggregator(site, segment, windows);
    this.payloadMatches = new PayloadMatchCollector(inspection.maxMatchesPerHost());
    StreamInspector scanner = inspection.scansPayload()
        ? new PayloadScanner(inspection, rules == null ? SignatureRules.of(
            RuleSet.EMPTY) : rules, payloadMatches)
        : StreamInspector.NONE;
    FlowSink sink = aggregator::attach;
    if (inspection.sensitiveDataEnabled()) {
      FlowMetadataRedactor redactor = new FlowMetadataRedactor(inspection.customPatterns());
      sink = r -> aggregator.attach(redactor.redact(r));
    }
    this.flows = new FlowTable(flowSettings, sink, AppPayloadInspector.INSTANCE, scanner);
  }

  /** One packet; returns the windows it closed (usually none). */
  public List<HostWindow> accept(DecodedPacket p, int frameOffset) {
    List<HostWindow> closed = withPayloadMatches(aggregator.accept(p));
    flows.add(p, frameOffset);
    return closed;
  }

  /** Live capture without traffic: exports idle flows and closes a window whose time is over. */
  public List<HostWindow> closeIfDue(long nowMillis, long graceMillis) {
    flows.expire(nowMillis * 1_000_000L);
    return withPayloadMatches(aggregator.closeIfDue(nowMillis - graceMillis));
  }

  /** End of the capture: every flow is exported into the last window, which closes. */
  public List<HostWindow> finish() {
    flows.flushAll();
    return withPayloadMatches(aggregator.flush());
  }

  /** The payload matches collected while these windows were open go with them; then a new collection starts. */
  private List<HostWindow> withPayloadMatches(List<HostWindow> closed) {
    if (closed.isEmpty() || payloadMatches.isEmpty()) {
      return closed;
    }
    List<HostWindow> out = new ArrayList<>(closed.size());
    for (HostWindow w : closed) {
      out.add(payloadMatches.hosts().contains(w.host()) ? w.withPayloadMatches(payloadMatches.of(w.host())) : w);
    }
    payloadMatches.clear();
    return out;
  }

  /** The segment's counters; the flow total is the flow table's, not counted a second time per packet. */
  public CaptureCounters counters() {
    CaptureCounters c = aggregator.counters();
    c.flows = flows.stats().flowsCreated();
    return c;
  }
}
