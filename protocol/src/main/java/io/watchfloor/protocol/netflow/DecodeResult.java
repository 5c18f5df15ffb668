package io.watchfloor.protocol.netflow;

import io.watchfloor.protocol.flow.FlowRecord;
import java.util.List;

/**
 * What one datagram yielded.
 *
 * @param flows the flow records, in datagram order; empty when {@code error} is set
 * @param unknownTemplateRecords data sets (v9 FlowSets, IPFIX Sets) whose template this exporter
 *     has not sent yet. Without the template the record length is unknown, so a set counts once
 *     however many records it holds.
 * @param error why the datagram was rejected, or null
 */
public record DecodeResult(List<FlowRecord> flows, int unknownTemplateRecords, String error) {

  public DecodeResult {
    flows = List.copyOf(flows);
  }

  static DecodeResult failed(String error) {
    return new DecodeResult(List.of(), 0, error);
  }

  public boolean ok() {
    return error == null;
  }
}
