/** Shapes of the HTTP API that also travel between actors. */
package io.watchfloor.protocol.api;
