/**
 * Proxy-to-upstream connections. Start at {@link io.holdfast.upstream.UpstreamPools#start} (one per
 * listener instance, on its event loop, complete once warm),
 * {@link io.holdfast.upstream.UpstreamGroup#acquire} and {@link io.holdfast.upstream.UpstreamLease};
 * {@link io.holdfast.upstream.UpstreamVerticle} publishes the {@link io.holdfast.upstream.UpstreamPlan}
 * of each config and owns server health ({@link io.holdfast.upstream.health}).
 */
package io.holdfast.upstream;
