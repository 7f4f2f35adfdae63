/**
 * Forwarding one client request to an upstream: start at {@link io.holdfast.proxy.Forwarder#create} and
 * {@link io.holdfast.proxy.Forwarder#forward}; {@code Exchange} is the per-request chain (vertx-http-proxy's
 * {@code ProxyRequest} as engine), {@code ResponseRelay} its response half, {@code HopByHop} and {@code ForwardedHeaders} the header rules,
 * {@code ErrorReply} the 502/503/504 answers.
 */
package io.holdfast.proxy;
