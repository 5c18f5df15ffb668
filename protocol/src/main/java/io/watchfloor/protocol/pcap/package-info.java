/**
 * Zero-copy, memory-mapped reader for capture files.
 *
 * <p>Formats: classic libpcap files (draft-ietf-opsawg-pcap, "PCAP Capture File Format"),
 * microsecond and nanosecond variants in either byte order, and pcapng
 * (draft-ietf-opsawg-pcapng, "PCAP Now Generic"): section header, interface description,
 * enhanced, simple and obsolete packet blocks; other block types are skipped. Link-layer
 * header type values follow the IANA/tcpdump.org LINKTYPE registry ({@link
 * io.watchfloor.protocol.pcap.LinkTypes}).
 *
 * <p>The reader never copies packet bytes: {@link io.watchfloor.protocol.pcap.CaptureFileReader#buffer()}
 * is a window onto the mapped file, valid until the next call to {@code next()}.
 */
package io.watchfloor.protocol.pcap;
