/** Rolling per-host baselines of window features. */
package io.watchfloor.models.baseline;
