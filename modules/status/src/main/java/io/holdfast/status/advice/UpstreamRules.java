package io.holdfast.status.advice;

import io.holdfast.config.Durations;
import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.config.UpstreamKeepalive;
import io.holdfast.status.history.StatsSample;
import io.holdfast.status.history.StatsSample.ServerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The upstream rules (docs/advisor.md): an idle cap below the observed peak while the pool churns
 * ({@code keepalive.connections}); a requests limit that alone forces churn ({@code keepalive.requests});
 * an idle timeout longer than the upstream's own ({@code keepalive.timeout}).
 */
final class UpstreamRules {

  private UpstreamRules() {
  }

  static List<Advice> advise(List<StatsSample> samples, UpstreamConfig upstream) {
    List<StatsSample> window = EvidenceWindow.trailing(samples, c -> c.upstreams().get(upstream.name()));
    List<ServerEvidence> servers = new ArrayList<>();
    for (ServerConfig server : upstream.servers()) {
      ServerEvidence.of(window, new ServerId(upstream.name(), server.address())).ifPresent(servers::add);
    }
    List<Advice> advice = new ArrayList<>();
    idleCap(upstream, servers).ifPresent(advice::add);
    requestsLimit(upstream, servers).ifPresent(advice::add);
    idleTimeout(upstream, servers).ifPresent(advice::add);
    return advice;
  }

  /** Churn while more requests were in flight than the pool keeps idle: keep the peak (with headroom) idle. */
  static Optional<Advice> idleCap(UpstreamConfig upstream, List<ServerEvidence> servers) {
    UpstreamKeepalive keepalive = upstream.keepalive();
    int cap = keepalive.connections();
    if (cap == 0) {
      return Optional.empty();
    }
    ServerEvidence worst = null;
    int suggested = cap;
    for (ServerEvidence e : servers) {
      if (e.churnPer100() < AdvisorThresholds.CHURN_PER_100_REQUESTS || e.peakActivePerInstance() <= cap) {
        continue;
      }
      int covering = roundUp((int) Math.ceil(e.peakActivePerInstance() * AdvisorThresholds.PEAK_HEADROOM),
          AdvisorThresholds.ROUND_CONNECTIONS_TO);
      int maxConnections = maxConnections(upstream, e.id().server());
      if (maxConnections > 0) {
        covering = Math.min(covering, maxConnections);
      }
      if (covering > suggested) {
        suggested = covering;
        worst = e;
      }
    }
    if (worst == null) {
      return Optional.empty();
    }
    Map<String, Object> evidence = serverEvidence(worst);
    evidence.put("peakActivePerInstance", worst.peakActivePerInstance());
    evidence.put("instances", worst.instances());
    evidence.put("lingeringMax", worst.lingeringMax());
    evidence.put("linger", Durations.format(keepalive.linger()));
    String surplus = keepalive.linger().isZero() ? "close as soon as they are released (linger 0)"
        : "close once idle for linger (" + Durations.format(keepalive.linger()) + ")";
    String why = String.format(Locale.ROOT,
        "%s opened %.1f new connections per 100 requests while up to %d requests were in flight at once per "
            + "instance, above keepalive.connections = %d: connections beyond %d %s and the next burst opens "
            + "them again. %d keeps the observed peak plus %d%% headroom idle (rounded up to a multiple of %d).",
        worst.id().server(), worst.churnPer100(), worst.peakActivePerInstance(), cap, cap, surplus, suggested,
        Math.round((AdvisorThresholds.PEAK_HEADROOM - 1) * 100), AdvisorThresholds.ROUND_CONNECTIONS_TO);
    return Optional.of(new Advice(path(upstream, "connections"), cap, suggested, why, evidence));
  }

  /** Churn that the requests limit alone explains: a connection retired after R requests costs 100/R handshakes per 100. */
  static Optional<Advice> requestsLimit(UpstreamConfig upstream, List<ServerEvidence> servers) {
    int limit = upstream.keepalive().requests();
    double forcedPer100 = 100.0 / limit;
    if (upstream.keepalive().connections() == 0 || limit >= AdvisorThresholds.SUGGESTED_REQUESTS
        || forcedPer100 < AdvisorThresholds.CHURN_PER_100_REQUESTS / 2) {
      return Optional.empty();
    }
    ServerEvidence worst = servers.stream().filter(e -> e.churnPer100() >= AdvisorThresholds.CHURN_PER_100_REQUESTS)
        .max((a, b) -> Double.compare(a.churnPer100(), b.churnPer100())).orElse(null);
    if (worst == null) {
      return Optional.empty();
    }
    Map<String, Object> evidence = serverEvidence(worst);
    evidence.put("forcedByLimitPer100Requests", round(forcedPer100));
    String why = String.format(Locale.ROOT,
        "%s opened %.1f new connections per 100 requests; keepalive.requests = %d retires every connection "
            + "after %d requests, which alone opens %.1f per 100. At %d (nginx's default) that falls to %.1f.",
        worst.id().server(), worst.churnPer100(), limit, limit, forcedPer100, AdvisorThresholds.SUGGESTED_REQUESTS,
        100.0 / AdvisorThresholds.SUGGESTED_REQUESTS);
    return Optional.of(new Advice(path(upstream, "requests"), limit, AdvisorThresholds.SUGGESTED_REQUESTS, why,
        evidence));
  }

  /**
   * The upstream closes idle connections sooner than {@code keepalive.timeout}: its limit is what it announced
   * or, more reliably, the idle age at which it was seen closing them. Retire them before that.
   */
  static Optional<Advice> idleTimeout(UpstreamConfig upstream, List<ServerEvidence> servers) {
    Duration timeout = upstream.keepalive().timeout();
    long timeoutMillis = timeout.isZero() ? Long.MAX_VALUE : timeout.toMillis();
    ServerEvidence worst = null;
    long limit = 0;
    long suggested = timeoutMillis;
    for (ServerEvidence e : servers) {
      long seen = upstreamIdleLimitMillis(e);
      if (seen <= 0) {
        continue;
      }
      long safe = safeTimeoutMillis(seen);
      if (safe < suggested) {
        suggested = safe;
        limit = seen;
        worst = e;
      }
    }
    if (worst == null) {
      return Optional.empty();
    }
    Map<String, Object> evidence = serverEvidence(worst);
    evidence.put("idleClosedByUpstream", worst.delta().idleClosedByUpstream());
    evidence.put("retried", worst.delta().retried());
    evidence.put("observedIdleLimitMs", worst.observedIdleLimitMillis());
    evidence.put("keepAliveTimeoutAnnounced",
        worst.keepAliveTimeoutAnnounced() < 0 ? null : worst.keepAliveTimeoutAnnounced() + "s");
    String announced = worst.keepAliveTimeoutAnnounced() < 0 ? "it announces no Keep-Alive timeout"
        : "it announces Keep-Alive: timeout=" + worst.keepAliveTimeoutAnnounced();
    String current = Durations.format(timeout);
    String proposal = Durations.format(Duration.ofMillis(suggested));
    String why = String.format(Locale.ROOT,
        "%s closed %d idle pooled connections itself and %d requests were retried on a fresh connection; it "
            + "keeps connections idle about %.1fs (%s), keepalive.timeout is %s. A request sent on a connection "
            + "as the upstream closes it fails: retried once when idempotent, else 502. %s retires idle "
            + "connections before the upstream does.",
        worst.id().server(), worst.delta().idleClosedByUpstream(), worst.delta().retried(),
        limit / 1000.0, announced, current, proposal);
    return Optional.of(new Advice(path(upstream, "timeout"), current, proposal, why, evidence));
  }

  /** The upstream's idle limit as evidenced in the window, 0 when there is no evidence of it. */
  private static long upstreamIdleLimitMillis(ServerEvidence e) {
    if (e.delta().idleClosedByUpstream() >= AdvisorThresholds.MIN_STALE_EVENTS && e.observedIdleLimitMillis() > 0) {
      return e.observedIdleLimitMillis();
    }
    if (e.delta().retried() >= AdvisorThresholds.MIN_STALE_EVENTS && e.keepAliveTimeoutAnnounced() > 0) {
      return e.keepAliveTimeoutAnnounced() * 1000L;
    }
    return 0;
  }

  /**
   * Below the upstream's limit by 10 %, at least 1 s (half the limit when that is 2 s or less), in whole
   * 100 ms: more than the pool sweep's 100 ms lateness plus a loaded network's delay.
   */
  static long safeTimeoutMillis(long upstreamLimitMillis) {
    long margin = Math.max(upstreamLimitMillis / 10, Math.min(1000, upstreamLimitMillis / 2));
    long safe = (upstreamLimitMillis - margin) / 100 * 100;
    return Math.max(100, safe);
  }

  private static Map<String, Object> serverEvidence(ServerEvidence e) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("server", e.id().server());
    evidence.put("windowSeconds", round(e.delta().seconds()));
    evidence.put("requests", e.delta().requests());
    evidence.put("opened", e.delta().opened());
    evidence.put("newConnectionsPer100Requests", round(e.churnPer100()));
    return evidence;
  }

  private static int maxConnections(UpstreamConfig upstream, String server) {
    return upstream.servers().stream().filter(s -> s.address().equals(server)).mapToInt(ServerConfig::maxConnections)
        .findFirst().orElse(0);
  }

  private static List<String> path(UpstreamConfig upstream, String key) {
    return List.of("upstreams", upstream.name(), "keepalive", key);
  }

  private static int roundUp(int value, int multiple) {
    return (value + multiple - 1) / multiple * multiple;
  }

  static double round(double value) {
    return Double.isNaN(value) ? 0 : Math.round(value * 10) / 10.0;
  }
}
