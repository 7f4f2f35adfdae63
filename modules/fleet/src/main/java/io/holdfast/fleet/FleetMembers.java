package io.holdfast.fleet;

import java.util.List;

/**
 * Who is in the fleet right now, as the cluster manager sees it: node ids, this node's among them. The app
 * module answers from Hazelcast's member list; a dead node leaves it once Hazelcast gives up on it.
 */
@FunctionalInterface
public interface FleetMembers {

  List<String> nodes();
}
