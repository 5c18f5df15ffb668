/**
 * Pure algorithms of Watchfloor: per-host window aggregation of decoded packets ({@code window}),
 * rolling baselines ({@code baseline}), detectors and the per-host analyzer that drives them
 * ({@code detect}). No actors and no I/O: everything here is testable in microseconds.
 */
package io.watchfloor.models;
