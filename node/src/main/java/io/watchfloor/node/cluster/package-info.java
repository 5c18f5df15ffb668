/**
 * How nodes form one Pekko cluster across sites: each site is a data center, the split-brain
 * resolver decides who stays up after a partition, and Pekko Management serves health, readiness and
 * membership over HTTP. The {@code watchfloor.cluster.*} keys become Pekko settings here.
 */
package io.watchfloor.node.cluster;
