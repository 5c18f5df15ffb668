/**
 * Labelled traffic for demos and detector evaluation: synthetic Ethernet frames ({@link
 * io.watchfloor.loadtest.FrameBuilder}), classic pcap output (libpcap format, <a
 * href="https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html">draft-ietf-opsawg-pcap</a>)
 * and the seeded demo scenario with its ground truth ({@link io.watchfloor.loadtest.DemoTraffic}).
 */
package io.watchfloor.loadtest;
