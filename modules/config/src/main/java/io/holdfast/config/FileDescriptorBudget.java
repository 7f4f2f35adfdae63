package io.holdfast.config;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a config may need in file descriptors against the process's limit, and the default
 * {@code maxConnections} that fits in it (HAProxy derives its {@code maxconn} from {@code ulimit -n} the
 * same way). Derived by {@link #derive}, a pure function of the limit and the config.
 *
 * <p>Needed: {@link #PER_CLIENT_CONNECTION} per client connection a listener admits (the connection and
 * the upstream connection its request holds while in flight), the idle upstream pools ({@code servers ×
 * keepalive.connections × instances}), and {@link #RESERVED} for the JVM, jars, event loops, the admin port
 * and the config file. A listener whose {@code maxConnections} the config does not set gets
 * {@link ListenerConfig#DEFAULT_MAX_CONNECTIONS} when the limit carries it, else an equal share of what the
 * limit leaves (never below {@link #MIN_DEFAULT}).
 *
 * @param limit the open-files limit; empty when unknown
 * @param upstreamIdle idle upstream connections the pools may keep
 * @param maxConnectionsDefault what a listener without {@code maxConnections} in the config gets
 * @param needed descriptors this config may need at its limits
 */
public record FileDescriptorBudget(OptionalLong limit, long upstreamIdle, int maxConnectionsDefault, long needed) {

  public static final long RESERVED = 256;
  public static final int PER_CLIENT_CONNECTION = 2;
  /** A derived default below this would make the listener useless; the config then does not fit, and says so. */
  public static final int MIN_DEFAULT = 100;

  /**
   * The budget of {@code listeners} and {@code upstreams} under {@code limit}. Listeners whose
   * {@code maxConnectionsSet} is false are counted at the derived default, whatever they hold.
   */
  public static FileDescriptorBudget derive(OptionalLong limit, int instances, Collection<ListenerConfig> listeners,
                                            Collection<UpstreamConfig> upstreams) {
    long idle = 0;
    for (UpstreamConfig upstream : upstreams) {
      idle += (long) upstream.servers().size() * upstream.keepalive().connections() * instances;
    }
    long setClients = 0;
    int unset = 0;
    for (ListenerConfig listener : listeners) {
      if (listener.maxConnectionsSet()) {
        setClients += listener.maxConnections();
      } else {
        unset++;
      }
    }
    int defaultMax = ListenerConfig.DEFAULT_MAX_CONNECTIONS;
    if (limit.isPresent() && unset > 0) {
      long left = limit.getAsLong() - RESERVED - idle - PER_CLIENT_CONNECTION * setClients;
      long share = left / ((long) PER_CLIENT_CONNECTION * unset);
      defaultMax = (int) Math.max(MIN_DEFAULT, Math.min(defaultMax, share));
    }
    long needed = RESERVED + idle + PER_CLIENT_CONNECTION * (setClients + (long) unset * defaultMax);
    return new FileDescriptorBudget(limit, idle, defaultMax, needed);
  }

  /** True unless the limit is known and below what the config may need. */
  public boolean fits() {
    return limit.isEmpty() || needed <= limit.getAsLong();
  }

  /** True when the limit made the default lower than the documented {@code 10000}. */
  public boolean defaultLowered() {
    return maxConnectionsDefault < ListenerConfig.DEFAULT_MAX_CONNECTIONS;
  }

  /** A warning for the operator when the limit cannot carry the config; empty when it can. */
  public Optional<String> shortfall(Collection<ListenerConfig> listeners) {
    if (fits()) {
      return Optional.empty();
    }
    List<String> set = listeners.stream().filter(ListenerConfig::maxConnectionsSet)
        .map(l -> "listeners." + l.name() + ".maxConnections " + l.maxConnections()).toList();
    String cause = set.isEmpty() ? "even with maxConnections at " + maxConnectionsDefault
        : "with " + String.join(", ", set) + " (set in the config)";
    return Optional.of("file descriptor limit " + limit.getAsLong() + " is below the ~" + needed
        + " this config may need " + cause + " (" + parts() + "); raise it (ulimit -n, systemd LimitNOFILE=) or lower "
        + (set.isEmpty() ? "upstream keepalive.connections" : "maxConnections"));
  }

  /** The start-up line when the config fits: the limit, and how the default was derived when it was lowered. */
  public String summary(Collection<ListenerConfig> listeners) {
    if (limit.isEmpty()) {
      return "file descriptor limit unknown; maxConnections defaults to " + maxConnectionsDefault;
    }
    List<String> derived = listeners.stream().filter(l -> !l.maxConnectionsSet()).map(ListenerConfig::name).toList();
    if (defaultLowered() && !derived.isEmpty()) {
      return "maxConnections defaults to " + maxConnectionsDefault + " (not " + ListenerConfig.DEFAULT_MAX_CONNECTIONS
          + ") on listener " + String.join(", ", derived) + " to fit the file descriptor limit " + limit.getAsLong()
          + " (" + parts() + "); set maxConnections, or raise the limit (ulimit -n, systemd LimitNOFILE=), to change it";
    }
    return "file descriptor limit " + limit.getAsLong() + "; this config may need up to ~" + needed + " (" + parts() + ")";
  }

  private String parts() {
    return PER_CLIENT_CONNECTION + " per client connection, " + upstreamIdle + " idle upstream, " + RESERVED + " reserved";
  }
}
