/**
 * A fleet: many Holdfast nodes, one config, on Vert.x's clustered event bus — no control plane of its own.
 * Start with {@link io.holdfast.fleet.FleetCoordinator} (how a change gets the fleet's next version, under a
 * cluster-wide lock, and reaches every node), {@link io.holdfast.fleet.FleetVerticle} (each node's one
 * cluster-wide address: info, status, check, adopt) and {@link io.holdfast.fleet.FleetJoin} (a joining node
 * takes the fleet's current config before it serves). Requests never come near any of it: only config
 * documents and status figures cross the cluster, as JSON. See docs/fleet.md.
 */
package io.holdfast.fleet;
