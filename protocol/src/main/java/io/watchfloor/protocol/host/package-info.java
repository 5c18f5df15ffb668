/** The per-host, per-window traffic delta that capture hands to host entities. */
package io.watchfloor.protocol.host;
