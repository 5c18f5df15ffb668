/**
 * Bidirectional flows from decoded packets: {@link io.watchfloor.models.flow.FlowTable} (an
 * open-addressing table over primitive arrays, no allocation per packet in steady state), with
 * {@link io.watchfloor.models.flow.PacketDedup} for packets captured twice, a
 * {@link io.watchfloor.models.flow.FragmentTracker} so that later IP fragments join their flow,
 * and {@link io.watchfloor.models.flow.CommunityId} (Community ID v1,
 * https://github.com/corelight/community-id-spec). Flow boundaries follow argus 3.0's defaults
 * (per-protocol idle timeouts, ARP and ICMP keys) so flow counts are comparable with
 * {@code argus | racluster}; see {@link io.watchfloor.models.flow.FlowTable}.
 */
package io.watchfloor.models.flow;
