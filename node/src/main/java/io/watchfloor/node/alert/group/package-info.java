/**
 * Alert groups: grouping and dedup per route and group key, Alertmanager's group_wait,
 * group_interval and repeat_interval, the lifecycle firing → acknowledged → resolved, auto-resolve
 * after a quiet time and flap damping. Pure logic driven by a clock; the router actor owns it,
 * stores the {@link io.watchfloor.node.alert.group.AlertGroupState} of every group that changed and
 * restores them when it starts on another node.
 */
package io.watchfloor.node.alert.group;
