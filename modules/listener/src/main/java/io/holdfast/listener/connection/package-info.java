/**
 * Client connection governance with nginx's keepalive semantics and client timeouts:
 * {@link io.holdfast.listener.connection.ClientConnections} (install it on an HttpServer) enforces
 * {@code keepalive.timeout/requests/time} and {@code maxConnections} and counts ({@code ListenerStats});
 * it owns each connection from accept to close, {@code ClientRequests} each request on it (the last one,
 * the response head's {@code Connection: close} and HSTS, the 400 for a refused head); its
 * {@code TimeoutSweep} closes connections past {@code keepalive.timeout}, {@code headerTimeout},
 * {@code bodyTimeout} and {@code sendTimeout}; {@link io.holdfast.listener.connection.ConnectionQuota}
 * shares the connection count of a listener across instances. HTTP/2 connections are governed by the same
 * rules, mapped as nginx maps them: {@code Http2Streams} (streams admitted, h2c with prior knowledge through
 * {@code PriorKnowledge}), {@code StreamTimeouts} (a stream cut, its connection going on); {@code HandshakeGuard}
 * bounds a TLS connection until Vert.x hands it over. See docs/keepalive.md, docs/slow-clients.md and
 * docs/http2.md.
 */
package io.holdfast.listener.connection;
