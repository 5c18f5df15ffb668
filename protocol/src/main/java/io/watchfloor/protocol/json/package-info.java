/** Writing the public JSON lines. */
package io.watchfloor.protocol.json;
