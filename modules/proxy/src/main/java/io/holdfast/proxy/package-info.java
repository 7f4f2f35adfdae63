/**
 * Forwarding one client request to an upstream: start at {@link io.holdfast.proxy.Forwarder#create} and
 * {@link io.holdfast.proxy.Forwarder#forward}; {@code Exchange} is the per-request chain (vertx-http-proxy's
 * {@code ProxyRequest} as engine), {@code ClientBody} its streamed request body (and when the response timeout
 * starts), {@code ResponseRelay} its response half, {@code HopByHop} and {@code ForwardedHeaders} the header rules,
 * {@code UpstreamSendFailures} what the upstream is blamed for, {@code ErrorReply} the 502/503/504 answers.
 */
package io.holdfast.proxy;
