/**
 * Cassandra access: the session, schema migrations and one repository per table family. CQL is
 * prepared once and run asynchronously; driver rows never leave these classes.
 */
package io.watchfloor.node.store;
