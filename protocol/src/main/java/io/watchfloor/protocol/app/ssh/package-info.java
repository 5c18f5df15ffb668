/** SSH protocol version exchange (RFC 4253 §4.2): the identification string. */
package io.watchfloor.protocol.app.ssh;
