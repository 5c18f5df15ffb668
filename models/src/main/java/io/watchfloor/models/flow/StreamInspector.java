package io.watchfloor.models.flow;

import io.watchfloor.protocol.app.AppProtocol;
import io.watchfloor.protocol.decode.DecodedPacket;

/**
 * Looks at the payload of every packet of a flow, in arrival order, for as long as the flow's
 * {@link Stream} wants (its own byte budget), unlike {@link PayloadInspector} which sees only a
 * flow's first packets. Called on the capture thread; must not block and must not keep the packet's
 * buffer, which is only valid during the call.
 */
public interface StreamInspector {

  /** Inspects nothing; the table then skips the hook entirely. */
  StreamInspector NONE = packet -> Stream.DONE;

  /**
   * Called with the first payload-carrying packet of a flow (before {@link Stream#accept} sees it).
   *
   * @return the flow's stream state, or {@link Stream#DONE} when the flow needs no inspection
   */
  Stream open(DecodedPacket packet);

  /** Per-flow inspection state, one object per inspected flow. */
  interface Stream {

    /** The flow needs no more inspection. */
    Stream DONE = (packet, fromInitiator, protocol) -> false;

    /**
     * @param fromInitiator whether the packet travels from the flow's initiator
     * @param protocol the flow's application protocol as recognised so far
     * @return false when the flow needs no more inspection (budget spent, encrypted protocol)
     */
    boolean accept(DecodedPacket packet, boolean fromInitiator, AppProtocol protocol);
  }
}
