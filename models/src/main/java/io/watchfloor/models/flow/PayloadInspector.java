package io.watchfloor.models.flow;

import java.nio.ByteBuffer;

/**
 * Looks at the first payload-carrying packets of a flow ({@code payload-packets} of them, within a
 * budget of {@code payload-bytes} per flow). Called on the capture thread; must not block and must
 * not keep {@code buffer}, which is only valid during the call.
 */
@FunctionalInterface
public interface PayloadInspector {

  /** Inspects nothing; the table then skips the hook entirely. */
  PayloadInspector NONE = (previous, buffer, offset, length, ipProtocol, srcPort, dstPort, fromInitiator) -> previous;

  /**
   * @param previous what earlier packets of this flow yielded, or null for the first one
   * @param offset start of the transport payload in {@code buffer}
   * @param length payload bytes to look at: the captured payload, cut to the flow's remaining budget
   * @param srcPort the packet's own source port (0 when none)
   * @param fromInitiator whether the packet travels from the flow's initiator
   * @return the flow's finding so far (may be {@code previous}), or null when nothing is known
   */
  PayloadFinding inspect(
      PayloadFinding previous,
      ByteBuffer buffer,
      int offset,
      int length,
      int ipProtocol,
      int srcPort,
      int dstPort,
      boolean fromInitiator);
}
