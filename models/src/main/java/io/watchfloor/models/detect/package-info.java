/** Named detectors over host windows and the per-host analyzer that runs them. */
package io.watchfloor.models.detect;
