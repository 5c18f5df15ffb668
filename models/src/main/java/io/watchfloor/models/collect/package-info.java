/** Primitive collections for the per-packet path: no boxing, no allocation per update. */
package io.watchfloor.models.collect;
