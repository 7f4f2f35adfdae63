/**
 * Client connection governance with nginx's keepalive semantics and client timeouts:
 * {@link io.holdfast.listener.connection.ClientConnections} (install it on an HttpServer) enforces
 * {@code keepalive.timeout/requests/time} and {@code maxConnections} and counts ({@code ListenerStats});
 * its {@code TimeoutSweep} closes connections past {@code keepalive.timeout}, {@code headerTimeout},
 * {@code bodyTimeout} and {@code sendTimeout}; {@link io.holdfast.listener.connection.ConnectionQuota}
 * shares the connection count of a listener across instances. See docs/keepalive.md and
 * docs/slow-clients.md.
 */
package io.holdfast.listener.connection;
