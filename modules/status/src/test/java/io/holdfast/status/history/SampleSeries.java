package io.holdfast.status.history;

import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.ResponseTimeHistogram;
import io.holdfast.bus.ServerStats;
import io.holdfast.config.ConfigSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a history by hand: cumulative counters per server and listener that a test advances between
 * samples, as live traffic would.
 */
public final class SampleSeries {

  private final List<StatsSample> samples = new ArrayList<>();
  private final Map<String, Server> servers = new LinkedHashMap<>();
  private final Map<String, Listener> listeners = new LinkedHashMap<>();
  private ConfigSnapshot config;
  private long now = 1_000_000;

  public SampleSeries(ConfigSnapshot config) {
    this.config = config;
  }

  /** Counters of one upstream server. */
  public static final class Server {
    final String upstream;
    final String address;
    public long requests;
    public long opened;
    public long reused;
    public long retried;
    public long idleClosedByUpstream;
    public long idleAgeAtUpstreamCloseMillis;
    public int peakActive;
    public int lingering;
    public int announced = ServerStats.NOT_ANNOUNCED;
    public int instances = 1;
    final long[] buckets = new long[ResponseTimeHistogram.BUCKETS];

    Server(String upstream, String address) {
      this.upstream = upstream;
      this.address = address;
    }

    /** {@code requests} more, {@code opened} of them on new connections, at most {@code peak} at once. */
    public Server traffic(long requests, long opened, int peak) {
      this.requests += requests;
      this.opened += opened;
      this.reused += requests - opened;
      this.peakActive = peak;
      buckets[ResponseTimeHistogram.bucketOf(1_000_000)] += requests;
      return this;
    }

    /** The upstream closed {@code count} idle connections, the last after {@code idleMillis} idle. */
    public Server idleClosed(long count, long idleMillis) {
      idleClosedByUpstream += count;
      idleAgeAtUpstreamCloseMillis = idleMillis;
      return this;
    }

    ServerStats stats() {
      return new ServerStats(upstream, address, instances, 0, lingering, 0, lingering, lingering, opened, 0,
          requests, reused, retried, 0, requests * 1_000_000, 1_000_000, peakActive, idleClosedByUpstream,
          idleAgeAtUpstreamCloseMillis, announced, ResponseTimeHistogram.of(buckets));
    }
  }

  /** Counters of one listener. */
  public static final class Listener {
    final String name;
    public long requests;
    public long accepted;
    final Map<String, Long> closed = new LinkedHashMap<>();

    Listener(String name) {
      this.name = name;
    }

    public Listener traffic(long requests, long accepted) {
      this.requests += requests;
      this.accepted += accepted;
      return this;
    }

    public Listener closed(String reason, long count) {
      closed.merge(reason, count, Long::sum);
      return this;
    }

    ListenerStats stats() {
      return new ListenerStats(name, accepted, accepted, requests, 0, 0, 0, 0, closed);
    }
  }

  public Server server(String upstream, String address) {
    return servers.computeIfAbsent(upstream + " " + address, k -> new Server(upstream, address));
  }

  public Listener listener(String name) {
    return listeners.computeIfAbsent(name, Listener::new);
  }

  /** From now on samples are taken under {@code next}. */
  public SampleSeries config(ConfigSnapshot next) {
    this.config = next;
    return this;
  }

  /** Takes a sample of the counters as they are. */
  public SampleSeries sample() {
    samples.add(StatsSample.of(now, config, listeners.values().stream().map(Listener::stats).toList(),
        servers.values().stream().map(Server::stats).toList()));
    return this;
  }

  /** {@code count} times: {@code millis} pass, {@code traffic} happens, a sample is taken. */
  public SampleSeries every(long millis, int count, Runnable traffic) {
    for (int i = 0; i < count; i++) {
      now += millis;
      traffic.run();
      sample();
    }
    return this;
  }

  public List<StatsSample> samples() {
    return List.copyOf(samples);
  }
}
