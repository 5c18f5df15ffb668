/** Silences: matchers and a time span during which matching alerts are not sent. */
package io.watchfloor.node.alert.silence;
