/**
 * Clustered start, only when {@code cluster.enabled}: {@link io.holdfast.app.cluster.HazelcastSettings} turns
 * the {@code cluster} section into Hazelcast's config (TCP-IP join or Kubernetes DNS, no multicast, no
 * phone-home, bound to {@code cluster.host}, failure detection within seconds), and
 * {@link io.holdfast.app.cluster.ClusterStart} builds the clustered Vert.x with it. Nothing here is loaded
 * when clustering is off: the only classes that name Hazelcast live in this package.
 */
package io.holdfast.app.cluster;
