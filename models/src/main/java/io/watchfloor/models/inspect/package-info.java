/**
 * Looking inside packets on the capture path: sensitive data leaving the network, payload
 * signatures in a subset of Suricata/Snort rule syntax, and the approved-services policy. Payload
 * is scanned per flow and direction within a byte budget by {@link
 * io.watchfloor.models.inspect.PayloadScanner}; what it finds travels, already redacted, in the host
 * window's {@code PayloadMatches} to the detectors. See docs/inspection.md.
 */
package io.watchfloor.models.inspect;
