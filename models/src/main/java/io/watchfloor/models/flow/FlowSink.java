package io.watchfloor.models.flow;

import io.watchfloor.protocol.flow.FlowRecord;

/** Receives every flow record a {@link FlowTable} exports, on the thread that feeds the table. */
@FunctionalInterface
public interface FlowSink {
  void accept(FlowRecord flow);
}
