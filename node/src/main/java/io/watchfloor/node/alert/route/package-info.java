/**
 * Where an alert goes: the routing tree, matchers, on-call time intervals and inhibition rules, in
 * the shapes of Prometheus Alertmanager's configuration. Pure logic, no actors, no I/O: the alert
 * actors and the {@code routes/test} endpoint call it.
 */
package io.watchfloor.node.alert.route;
