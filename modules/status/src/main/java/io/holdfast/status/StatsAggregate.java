package io.holdfast.status;

import io.holdfast.bus.AccessLogStats;
import io.holdfast.bus.HealthReport;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.ServerStats;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every instance's counters summed per listener and per upstream server, as of one collection. Listeners
 * and servers keep the order in which instances report them (the config's order).
 */
public final class StatsAggregate {

  /** The reasons a client connection is closed for; always rendered, zero when never seen. */
  public static final List<String> CLOSE_REASONS =
      List.of("idle-timeout", "requests-limit", "lifetime", "client", "error", "refused", "shutdown",
          "header-timeout", "body-timeout", "send-timeout", "bad-request", "upstream");

  private static final String ALL_LISTENERS = "*";

  private final int instances;
  private final Map<String, ListenerStats> listeners;
  private final Map<ServerKey, ServerStats> servers;
  private final Map<ServerKey, HealthReport.Server> health;
  private final ListenerStats total;
  private final AccessLogStats accessLog;

  private StatsAggregate(int instances, Map<String, ListenerStats> listeners, Map<ServerKey, ServerStats> servers,
      Map<ServerKey, HealthReport.Server> health, AccessLogStats accessLog) {
    this.instances = instances;
    this.listeners = Collections.unmodifiableMap(listeners);
    this.servers = Collections.unmodifiableMap(servers);
    this.health = Collections.unmodifiableMap(health);
    this.total = listeners.values().stream().reduce(empty(ALL_LISTENERS), StatsAggregate::sum);
    this.accessLog = accessLog == null ? AccessLogStats.OFF : accessLog;
  }

  public static StatsAggregate of(List<InstanceStats> stats) {
    return of(stats, null);
  }

  /** The instances' counters with the health owner's {@code report} (null when it did not answer). */
  public static StatsAggregate of(List<InstanceStats> stats, HealthReport report) {
    return of(stats, report, AccessLogStats.OFF);
  }

  /** As {@link #of(List, HealthReport)}, with the access log writer's counts. */
  public static StatsAggregate of(List<InstanceStats> stats, HealthReport report, AccessLogStats accessLog) {
    Map<String, ListenerStats> listeners = new LinkedHashMap<>();
    Map<ServerKey, ServerStats> servers = new LinkedHashMap<>();
    for (InstanceStats instance : stats) {
      for (ListenerStats l : instance.listeners()) {
        listeners.merge(l.listener(), sum(empty(l.listener()), l), StatsAggregate::sum);
      }
      for (ServerStats p : instance.pools()) {
        // Each instance reports a server once (its draining and live pools already summed): add instances up.
        servers.merge(new ServerKey(p.upstream(), p.server()), p, ServerStats::plus);
      }
    }
    Map<ServerKey, HealthReport.Server> health = new HashMap<>();
    if (report != null) {
      report.servers().forEach(h -> health.put(new ServerKey(h.upstream(), h.server()), h));
    }
    return new StatsAggregate(stats.size(), listeners, servers, health, accessLog);
  }

  public static StatsAggregate empty() {
    return of(List.of());
  }

  /** The number of instances whose counters are in this aggregate. */
  public int instances() {
    return instances;
  }

  /** Per listener name, summed over instances; {@code closedByReason} holds every reason in {@link #CLOSE_REASONS}. */
  public Map<String, ListenerStats> listeners() {
    return listeners;
  }

  /** Every listener summed: the figures of nginx's stub_status. */
  public ListenerStats total() {
    return total;
  }

  public Map<ServerKey, ServerStats> servers() {
    return servers;
  }

  /** The health owner's word on {@code server}, or null when it gave none. */
  public HealthReport.Server health(ServerKey server) {
    return health.get(server);
  }

  /** The access log writer's counts ({@link AccessLogStats#OFF} when it did not answer). */
  public AccessLogStats accessLog() {
    return accessLog;
  }

  /** Identifies one server of one upstream. */
  public record ServerKey(String upstream, String server) {
  }

  private static ListenerStats empty(String name) {
    return new ListenerStats(name, 0, 0, 0, 0, 0, 0, 0, zeroReasons());
  }

  private static Map<String, Long> zeroReasons() {
    Map<String, Long> reasons = new LinkedHashMap<>();
    CLOSE_REASONS.forEach(r -> reasons.put(r, 0L));
    return reasons;
  }

  private static ListenerStats sum(ListenerStats a, ListenerStats b) {
    Map<String, Long> reasons = new HashMap<>(zeroReasons());
    a.closedByReason().forEach((k, v) -> reasons.merge(k, v, Long::sum));
    b.closedByReason().forEach((k, v) -> reasons.merge(k, v, Long::sum));
    return new ListenerStats(a.listener(), a.accepted() + b.accepted(), a.handled() + b.handled(),
        a.requests() + b.requests(), a.active() + b.active(), a.reading() + b.reading(),
        a.writing() + b.writing(), a.waiting() + b.waiting(), reasons, a.responses().plus(b.responses()),
        a.tunnels() + b.tunnels(), a.edge().plus(b.edge()));
  }
}
