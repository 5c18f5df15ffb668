package io.watchfloor.models.window;

import io.watchfloor.models.flow.AppPayloadInspector;
import io.watchfloor.models.flow.FlowSettings;
import io.watchfloor.models.flow.FlowTable;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.host.HostWindow;
import java.util.List;

/**
 * Everything one segment does with each decoded packet on its capture thread: per-host window
 * counters, and the flow table whose exported flows (with application protocol and metadata) are
 * attached to the window of the host that started them. The node's capture loop and the tests that
 * replay captures both go through here.
 */
public final class SegmentWindows {
  private final HostWindowAggregator aggregator;
  private final FlowTable flows;

  public SegmentWindows(String site, String segment, WindowSettings windows, FlowSettings flowSettings) {
    this.aggregator = new HostWindowAggregator(site, segment, windows);
    this.flows = new FlowTable(flowSettings, aggregator::attach, AppPayloadInspector.INSTANCE);
  }

  /** One packet; returns the windows it closed (usually none). */
  public List<HostWindow> accept(DecodedPacket p, int frameOffset) {
    List<HostWindow> closed = aggregator.accept(p);
    flows.add(p, frameOffset);
    return closed;
  }

  /** Live capture without traffic: exports idle flows and closes a window whose time is over. */
  public List<HostWindow> closeIfDue(long nowMillis, long graceMillis) {
    flows.expire(nowMillis * 1_000_000L);
    return aggregator.closeIfDue(nowMillis - graceMillis);
  }

  /** End of the capture: every flow is exported into the last window, which closes. */
  public List<HostWindow> finish() {
    flows.flushAll();
    return aggregator.flush();
  }

  /** The segment's counters; the flow total is the flow table's, not counted a second time per packet. */
  public CaptureCounters counters() {
    CaptureCounters c = aggregator.counters();
    c.flows = flows.stats().flowsCreated();
    return c;
  }
}
