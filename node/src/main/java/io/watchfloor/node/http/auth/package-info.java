/**
 * Who may call the HTTP API: bearer tokens stored as SHA-256 hashes, each with a role; the
 * catalogue of endpoints with the role each needs; and the audit log of what was done.
 */
package io.watchfloor.node.http.auth;
