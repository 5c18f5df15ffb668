/**
 * DNS messages (RFC 1035 §4.1): header, the question with its name decompressed under the
 * §4.1.4 rules (pointers only backwards, so no loops; names at most 255 octets, RFC 1035 §2.3.4),
 * and the answer section's TXT rdata sizes, which DNS tunnels fill. Record type mnemonics from
 * the IANA DNS parameters registry; unknown codes follow RFC 3597 §5 ({@code TYPE65280}).
 */
package io.watchfloor.protocol.app.dns;
