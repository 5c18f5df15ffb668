/**
 * Anomalies and their public alert line (Elastic Common Schema field names; see DESIGN.md for the
 * contract: {@code @timestamp}, {@code event.kind}, {@code event.severity}, {@code rule.name}, ...).
 */
package io.watchfloor.protocol.alert;
