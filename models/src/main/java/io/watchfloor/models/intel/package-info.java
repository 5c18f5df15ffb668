/**
 * Threat intelligence: indicator lists (IP addresses, CIDR prefixes, domains, JA3 hashes) read
 * from CSV and STIX 2.1-style JSON files, kept current without a restart, and matched against
 * host windows by the {@code threat_intel} detector.
 */
package io.watchfloor.models.intel;
