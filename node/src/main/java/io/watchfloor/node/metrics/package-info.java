/** Prometheus metrics of a node, served at {@code /metrics}. */
package io.watchfloor.node.metrics;
