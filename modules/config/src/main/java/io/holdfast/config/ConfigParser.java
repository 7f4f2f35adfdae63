package io.holdfast.config;

import io.vertx.core.json.JsonObject;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * JSON to a validated {@link HoldfastConfig}, reporting every error at once with its key path. A config
 * with any error is refused whole.
 */
public final class ConfigParser {

  /** Keys that {@code GET /config} adds; accepted so its output can be sent back with {@code PUT}. */
  private static final String[] METADATA_KEYS = {"version", "appliedAt", "source", "lastRejected"};

  private ConfigParser() {
  }

  /** {@code json} on this process: defaults that depend on the open-files limit are derived from its own. */
  public static ConfigResult parse(JsonObject json) {
    return parse(json, OpenFilesLimit.current());
  }

  /** {@code json} as if the process's open-files limit were {@code openFilesLimit} (empty: unknown). */
  public static ConfigResult parse(JsonObject json, OptionalLong openFilesLimit) {
    List<ConfigError> errors = new ArrayList<>();
    ConfigReader root = new ConfigReader(json, "", errors);
    root.ignore(METADATA_KEYS);
    int instances = root.integer("instances", Runtime.getRuntime().availableProcessors(), 1, 1024);
    Transport transport = root.choice("transport", Transport.AUTO, Transport.values(), Transport::key);
    var shutdownTimeout = root.duration("shutdownTimeout", HoldfastConfig.DEFAULT_SHUTDOWN_TIMEOUT, true);
    Map<String, UpstreamConfig> upstreams = UpstreamsSection.parse(root, errors);
    Map<String, ListenerConfig> listeners = ListenersSection.parse(root, upstreams, errors);
    AdminConfig admin = admin(root, errors);
    ReloadConfig reload = reload(root, errors);
    OriginConfig origin = origin(root, errors);
    ClusterConfig cluster = ClusterSection.parse(root, errors);
    AccessLogConfig accessLog = AccessLogSection.parse(root, errors);
    root.rejectUnknown();
    PortClaims.check(listeners, admin, origin, cluster, errors);
    if (!errors.isEmpty()) {
      return ConfigResult.invalid(errors);
    }
    FileDescriptorBudget budget = FileDescriptorBudget.derive(openFilesLimit, instances, listeners.values(),
        upstreams.values());
    Map<String, ListenerConfig> sized = new LinkedHashMap<>();
    listeners.forEach((name, l) -> sized.put(name, l.withDefaultMaxConnections(budget.maxConnectionsDefault())));
    return ConfigResult.valid(new HoldfastConfig(instances, transport, shutdownTimeout, sized, upstreams,
        admin, reload, origin, budget, cluster, accessLog));
  }

  private static AdminConfig admin(ConfigReader root, List<ConfigError> errors) {
    ConfigReader r = new ConfigReader(root.object("admin"), "admin", errors);
    String host = r.string("host", AdminConfig.DEFAULT_HOST);
    int port = r.integer("port", AdminConfig.DEFAULT_PORT, 0, 65535);
    String token = r.string("token", null);
    if (token == null && !isLoopback(host)) {
      r.error("token", "required when admin.host is not a loopback address");
    }
    r.rejectUnknown();
    return new AdminConfig(host, port, token);
  }

  private static ReloadConfig reload(ConfigReader root, List<ConfigError> errors) {
    ConfigReader r = new ConfigReader(root.object("reload"), "reload", errors);
    ReloadConfig reload = new ReloadConfig(r.bool("watch", ReloadConfig.DEFAULT_WATCH),
        r.duration("scan", ReloadConfig.DEFAULT_SCAN, false));
    r.rejectUnknown();
    return reload;
  }

  private static OriginConfig origin(ConfigReader root, List<ConfigError> errors) {
    ConfigReader r = new ConfigReader(root.object("origin"), "origin", errors);
    OriginConfig origin = new OriginConfig(r.bool("enabled", false), r.string("host", OriginConfig.DEFAULT_HOST),
        r.integer("port", OriginConfig.DEFAULT_PORT, 0, 65535));
    r.rejectUnknown();
    return origin;
  }

  /** Loopback by spelling only: resolving a name here would make validation depend on DNS. */
  static boolean isLoopback(String host) {
    if (host.equals("localhost") || host.equals("::1") || host.equals("[::1]") || host.startsWith("127.")) {
      return host.startsWith("127.") ? isIpv4(host) : true;
    }
    return false;
  }

  private static boolean isIpv4(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress() && host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
