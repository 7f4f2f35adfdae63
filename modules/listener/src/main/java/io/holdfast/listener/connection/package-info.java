/**
 * Client connection governance with nginx's keepalive semantics:
 * {@link io.holdfast.listener.connection.ClientConnections} (install it on an HttpServer) enforces
 * {@code keepalive.timeout/requests/time} and {@code maxConnections} and counts
 * ({@code ListenerStats}); {@link io.holdfast.listener.connection.ConnectionQuota} shares the connection
 * count of a listener across instances. See docs/keepalive.md.
 */
package io.holdfast.listener.connection;
