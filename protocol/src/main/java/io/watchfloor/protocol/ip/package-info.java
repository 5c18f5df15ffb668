/**
 * IP addresses as two longs, allocation-free on the packet path.
 *
 * <p>Every address is a 128-bit value (RFC 4291 §2); an IPv4 address a.b.c.d is stored as the
 * IPv4-mapped IPv6 address ::ffff:a.b.c.d (RFC 4291 §2.5.5.2). Text forms: dotted quad for IPv4
 * (RFC 791), RFC 5952 canonical text for IPv6. Private ranges: RFC 1918, RFC 1122 loopback,
 * RFC 3927 link-local, RFC 6598 shared address space (CGNAT), RFC 4193 unique local, RFC 4291
 * loopback and link-local.
 */
package io.watchfloor.protocol.ip;
