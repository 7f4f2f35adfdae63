/**
 * Server health. The owner side runs on the upstream verticle's context: start at {@link
 * io.holdfast.upstream.health.HealthOwner} — {@code ProbeSchedule} and {@code Prober} (active checks on
 * connections of their own), {@code HealthBoard} (probe verdicts by {@code RiseFall}, merged with the passive
 * marks instances report) — which publishes a {@link io.holdfast.bus.HealthReport} on every change. The
 * instance side is {@link io.holdfast.upstream.health.ServerHealth}: one per server on each listener
 * instance's event loop, read by the balancers. docs/traffic.md ("Health") explains the rules.
 */
package io.holdfast.upstream.health;
