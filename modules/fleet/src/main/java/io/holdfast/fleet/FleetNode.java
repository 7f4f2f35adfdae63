package io.holdfast.fleet;

import java.time.Instant;

/**
 * This node as the fleet knows it: its cluster node id, its cluster address ({@code host:port}, the
 * Hazelcast member address operators recognise) and when it joined.
 */
public record FleetNode(String id, String address, Instant since) {
}
