/**
 * HTTP/1.x request line and Host header (RFC 9112 §3, RFC 9110 §7.2) from the first packet of a
 * request; headers that continue in a later packet are not looked for.
 */
package io.watchfloor.protocol.app.http;
