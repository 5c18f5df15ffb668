/**
 * Wire formats and public shapes of Watchfloor: capture files ({@code pcap}), packet decoders
 * ({@code decode}), address handling ({@code ip}), the per-host window delta that capture sends to host
 * entities ({@code host}) and the anomaly and its ECS alert line ({@code alert}). No actors, no servers.
 */
package io.watchfloor.protocol;
