/**
 * Severity-based response playbooks: config maps severity and detector (any label matchers) to
 * actions — notify, open a ticket through a webhook, attach the pcap evidence, recommend
 * containment — and the router records which actions ran for each alert group.
 */
package io.watchfloor.node.alert.playbook;
