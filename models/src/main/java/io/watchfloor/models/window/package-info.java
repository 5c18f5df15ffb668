/** Per-host, per-window aggregation of decoded packets: the capture side of the data path. */
package io.watchfloor.models.window;
