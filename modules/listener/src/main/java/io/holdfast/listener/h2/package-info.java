/**
 * HTTP/2 client connections as the listener governs them. {@link io.holdfast.listener.h2.H2Wire} watches one
 * connection's frames (stream bodies, pending frames, stuck responses) for the client timeouts, as
 * {@code framing.ClientWire} does for HTTP/1.x; {@link io.holdfast.listener.h2.H2Requests} checks each stream's
 * request and turns it into the HTTP/1.1 request the upstream gets. See docs/http2.md.
 */
package io.holdfast.listener.h2;
