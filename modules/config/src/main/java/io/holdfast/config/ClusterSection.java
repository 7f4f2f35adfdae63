package io.holdfast.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** The {@code cluster} section (contract §9), read whether or not it is enabled so a typo shows at once. */
final class ClusterSection {

  private ClusterSection() {
  }

  static ClusterConfig parse(ConfigReader root, List<ConfigError> errors) {
    ConfigReader r = new ConfigReader(root.object("cluster"), "cluster", errors);
    boolean enabled = r.bool("enabled", false);
    String name = r.string("name", ClusterConfig.DEFAULT_NAME);
    String host = r.string("host", ClusterConfig.DEFAULT_HOST);
    if (BindAddresses.isWildcard(host)) {
      r.error("host", "must be an address the other nodes can reach (or \"" + ClusterConfig.AUTO_HOST
          + "\"), not a wildcard");
    }
    int port = r.integer("port", ClusterConfig.DEFAULT_PORT, 1, 65535);
    int busPort = r.integer("busPort", ClusterConfig.DEFAULT_BUS_PORT, 0, 65535);
    if (busPort != 0 && busPort == port) {
      r.error("busPort", "must differ from cluster.port (" + port + ")");
    }
    String serviceDns = kubernetes(r, errors);
    List<String> members = ClusterConfig.DEFAULT_MEMBERS;
    if (r.has("members")) {
      members = members(r, r.array("members"));
      if (serviceDns != null) {
        r.error("members", "give either members or kubernetes.serviceDns, not both");
      }
    }
    r.rejectUnknown();
    return new ClusterConfig(enabled, name, host, port, busPort, serviceDns == null ? members : List.of(), serviceDns);
  }

  private static String kubernetes(ConfigReader cluster, List<ConfigError> errors) {
    if (!cluster.has("kubernetes")) {
      return null;
    }
    ConfigReader k = new ConfigReader(cluster.object("kubernetes"), cluster.path("kubernetes"), errors);
    String serviceDns = k.string("serviceDns", null);
    if (serviceDns == null) {
      k.error("serviceDns", "is required in cluster.kubernetes (the headless Service's DNS name)");
    }
    k.rejectUnknown();
    return serviceDns;
  }

  private static List<String> members(ConfigReader r, JsonArray array) {
    List<String> members = new ArrayList<>();
    if (array == null) {
      return members;
    }
    if (array.isEmpty()) {
      r.error("members", "at least one member is required (this node's own address will do)");
    }
    for (int i = 0; i < array.size(); i++) {
      String key = "members[" + i + "]";
      if (!(array.getValue(i) instanceof String member) || member.isBlank()) {
        r.error(key, "must be \"host\" or \"host:port\"");
        continue;
      }
      String problem = memberProblem(member.trim());
      if (problem != null) {
        r.error(key, problem);
      } else {
        members.add(member.trim());
      }
    }
    return members;
  }

  /** Why {@code member} is not {@code host} or {@code host:port} ({@code [v6]:port} for IPv6), or null. */
  static String memberProblem(String member) {
    int colon = member.lastIndexOf(':');
    boolean bracketed = member.startsWith("[");
    boolean hasPort = bracketed ? member.contains("]:") : colon > 0 && member.indexOf(':') == colon;
    if (!hasPort) {
      return bracketed && !member.endsWith("]") ? "an IPv6 member is written [address] or [address]:port" : null;
    }
    String port = member.substring(colon + 1);
    try {
      int p = Integer.parseInt(port);
      return p >= 1 && p <= 65535 ? null : "port must be 1-65535, got " + port;
    } catch (NumberFormatException e) {
      return "must be \"host\" or \"host:port\", got \"" + member + "\"";
    }
  }
}
