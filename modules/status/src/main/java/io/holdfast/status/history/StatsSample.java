package io.holdfast.status.history;

import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.ServerStats;
import io.holdfast.config.ConfigSnapshot;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every instance's counters summed per listener and per upstream server at one instant, with the config
 * that was running then (so a rule can tell which samples were taken under the limits it judges).
 * Listeners and servers keep the config's order. Immutable.
 */
public record StatsSample(
    long atMillis,
    ConfigSnapshot config,
    Map<String, ListenerStats> listeners,
    Map<ServerId, ServerStats> servers) {

  /** One server of one upstream. */
  public record ServerId(String upstream, String server) {

    public static ServerId of(ServerStats stats) {
      return new ServerId(stats.upstream(), stats.server());
    }
  }

  public StatsSample {
    listeners = Collections.unmodifiableMap(new LinkedHashMap<>(listeners));
    servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers));
  }

  public static StatsSample of(long atMillis, ConfigSnapshot config, Collection<ListenerStats> listeners,
      Collection<ServerStats> servers) {
    Map<String, ListenerStats> byName = new LinkedHashMap<>();
    listeners.forEach(l -> byName.put(l.listener(), l));
    Map<ServerId, ServerStats> byId = new LinkedHashMap<>();
    servers.forEach(s -> byId.put(ServerId.of(s), s));
    return new StatsSample(atMillis, config, byName, byId);
  }

  /** Seconds from {@code earlier} to this sample. */
  public double secondsSince(StatsSample earlier) {
    return (atMillis - earlier.atMillis) / 1000.0;
  }
}
