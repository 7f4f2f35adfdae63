/**
 * Proxy-to-upstream connections. Start at {@link io.holdfast.upstream.UpstreamPools#start} (one per
 * listener instance, on its event loop, complete once warm; {@code create} does not wait),
 * {@link io.holdfast.upstream.UpstreamGroup#acquire} and {@link io.holdfast.upstream.UpstreamLease};
 * {@link io.holdfast.upstream.UpstreamVerticle} publishes the {@link io.holdfast.upstream.UpstreamPlan}
 * of each config.
 */
package io.holdfast.upstream;
