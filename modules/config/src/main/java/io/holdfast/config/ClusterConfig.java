package io.holdfast.config;

import java.util.List;

/**
 * The {@code cluster} section: whether this node joins a fleet, and how. {@code host} is this node's
 * address for the fleet ({@value #AUTO_HOST}: the machine's first non-loopback IPv4 address, found at
 * start), {@code port} its Hazelcast port, {@code busPort} the clustered event bus's port (0: any free one),
 * {@code members} the nodes to join through ({@code host} or {@code host:port}; a member without a port is
 * at {@code port}), {@code kubernetesServiceDns} a headless Service whose DNS records list the members
 * instead (Hazelcast's Kubernetes DNS lookup). Node-local: a fleet change never sets another node's.
 */
public record ClusterConfig(boolean enabled, String name, String host, int port, int busPort, List<String> members,
    String kubernetesServiceDns) {

  public static final String DEFAULT_NAME = "holdfast";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5801;
  public static final int DEFAULT_BUS_PORT = 0;
  public static final List<String> DEFAULT_MEMBERS = List.of("127.0.0.1");
  /** A {@code host} Holdfast finds by itself, as in containers whose address is known only at start. */
  public static final String AUTO_HOST = "auto";

  public static final ClusterConfig DISABLED = new ClusterConfig(false, DEFAULT_NAME, DEFAULT_HOST, DEFAULT_PORT,
      DEFAULT_BUS_PORT, DEFAULT_MEMBERS, null);

  public ClusterConfig {
    members = List.copyOf(members);
  }

  /** True when the members come from a Kubernetes headless Service rather than from {@code members}. */
  public boolean kubernetes() {
    return kubernetesServiceDns != null;
  }
}
