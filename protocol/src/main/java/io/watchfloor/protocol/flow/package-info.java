/** The flow record shared by packet-built flows and NetFlow v5/v9/IPFIX, and its ECS line. */
package io.watchfloor.protocol.flow;
