package io.holdfast.app.lifecycle;

import io.holdfast.fleet.FleetMembers;
import io.holdfast.fleet.FleetNode;

/**
 * What a clustered start hands the deployment: this node, the member list, the fleet change the initial
 * config is, and the cluster's name (for {@code GET /cluster}).
 */
public record FleetWiring(FleetNode node, FleetMembers members, String changeId, String clusterName) {
}
