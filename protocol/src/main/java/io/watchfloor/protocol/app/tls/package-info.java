/**
 * TLS ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2) inside the first TLS record (§5.1):
 * server name (RFC 6066 §3), ALPN (RFC 7301 §3.1), supported groups and point formats (RFC 8422
 * §5.1) and the JA3 fingerprint (https://github.com/salesforce/ja3, GREASE values of RFC 8701
 * excluded). A ClientHello spread over several records or packets is not reassembled: it parses
 * as absent.
 */
package io.watchfloor.protocol.app.tls;
