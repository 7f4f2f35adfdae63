/**
 * Hostile and broken HTTP/1.x framing on the client side (issue 7, RFC 9112). Starting points:
 * {@link io.holdfast.listener.framing.StrictRequestDecoder} (checks each request head before Vert.x sees it),
 * {@link io.holdfast.listener.framing.RequestValidator} (the rules), and
 * {@link io.holdfast.listener.framing.InvalidRequests} (the answer, the close and the log line).
 */
package io.holdfast.listener.framing;
