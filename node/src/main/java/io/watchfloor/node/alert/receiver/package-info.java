/**
 * Receivers and their real payload formats: PagerDuty Events API v2, Opsgenie Alert API, Slack
 * incoming webhooks and a generic webhook in Alertmanager's v4 shape. Each integration turns a
 * {@link io.watchfloor.node.alert.receiver.Notification} into one HTTP call; secrets come from
 * environment variables at send time and are never logged.
 */
package io.watchfloor.node.alert.receiver;
