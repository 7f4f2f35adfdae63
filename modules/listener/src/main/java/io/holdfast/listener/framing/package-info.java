/**
 * Hostile, broken and slow HTTP/1.x input on the client side (issues 7 and 13, RFC 9112). Starting points:
 * {@link io.holdfast.listener.framing.StrictRequestDecoder} (checks each request head before Vert.x sees it,
 * keeps a broken body from Vert.x, and spots the HTTP/2 preface of an h2c client with prior knowledge:
 * {@code PriorKnowledgePreface}), {@link io.holdfast.listener.framing.RequestValidator} (the rules),
 * {@code MessageBoundaries} (where each request's head and body end, and when an upgrade's bytes are held),
 * {@link io.holdfast.listener.framing.InvalidRequests} (the answer, the close and the log line),
 * {@link io.holdfast.listener.framing.ClientWire} (what the decoder saw, for the client timeouts) and
 * {@link io.holdfast.listener.framing.RawAnswer} (the 400 and 408 written past Vert.x).
 */
package io.holdfast.listener.framing;
