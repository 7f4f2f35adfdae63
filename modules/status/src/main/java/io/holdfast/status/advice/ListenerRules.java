package io.holdfast.status.advice;

import io.holdfast.bus.ListenerStats;
import io.holdfast.config.ClientKeepalive;
import io.holdfast.config.Durations;
import io.holdfast.config.ListenerConfig;
import io.holdfast.status.history.ListenerDelta;
import io.holdfast.status.history.StatsSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The client-side rules (docs/advisor.md): a requests limit that makes clients reconnect often
 * ({@code keepalive.requests}); an idle timeout that closes connections clients come back on
 * ({@code keepalive.timeout}).
 */
final class ListenerRules {

  private static final String REQUESTS_LIMIT = "requests-limit";
  private static final String IDLE_TIMEOUT = "idle-timeout";

  private ListenerRules() {
  }

  static List<Advice> advise(List<StatsSample> samples, ListenerConfig listener) {
    List<StatsSample> window = EvidenceWindow.trailing(samples, c -> c.listeners().get(listener.name()));
    List<Advice> advice = new ArrayList<>();
    delta(window, listener.name()).ifPresent(d -> {
      requestsLimit(listener, d).ifPresent(advice::add);
      idleTimeout(listener, d).ifPresent(advice::add);
    });
    return advice;
  }

  private static Optional<ListenerDelta> delta(List<StatsSample> window, String name) {
    int start = 0;
    while (start < window.size() && !window.get(start).listeners().containsKey(name)) {
      start++;
    }
    List<StatsSample> seen = window.subList(Math.min(start, window.size()), window.size());
    if (!EvidenceWindow.longEnough(seen)) {
      return Optional.empty();
    }
    StatsSample first = seen.get(0);
    StatsSample last = seen.get(seen.size() - 1);
    ListenerStats now = last.listeners().get(name);
    if (now == null) {
      return Optional.empty();
    }
    ListenerDelta d = ListenerDelta.between(first.listeners().get(name), now, last.secondsSince(first));
    return d.requests() < AdvisorThresholds.MIN_REQUESTS ? Optional.empty() : Optional.of(d);
  }

  /** Each close at the requests limit makes a client reconnect: too many per 100 requests → nginx's default. */
  static Optional<Advice> requestsLimit(ListenerConfig listener, ListenerDelta d) {
    int limit = listener.keepalive().requests();
    long closes = d.closed(REQUESTS_LIMIT);
    double per100 = 100.0 * closes / d.requests();
    if (limit >= AdvisorThresholds.SUGGESTED_REQUESTS || closes < AdvisorThresholds.MIN_CLOSES
        || per100 < AdvisorThresholds.FORCED_RECONNECTS_PER_100_REQUESTS) {
      return Optional.empty();
    }
    Map<String, Object> evidence = evidence(d);
    evidence.put("closedRequestsLimit", closes);
    evidence.put("closedRequestsLimitPer100Requests", UpstreamRules.round(per100));
    String why = String.format(Locale.ROOT,
        "Listener %s closed %d client connections at keepalive.requests = %d (%.1f per 100 requests) while "
            + "clients opened %d new ones: each such close makes a client reconnect (a TCP, and with TLS a TLS, "
            + "handshake). At %d (nginx's default) that is at most %.1f per 100 requests.",
        listener.name(), closes, limit, per100, d.accepted(), AdvisorThresholds.SUGGESTED_REQUESTS,
        100.0 / AdvisorThresholds.SUGGESTED_REQUESTS);
    return Optional.of(new Advice(path(listener, "requests"), limit, AdvisorThresholds.SUGGESTED_REQUESTS, why,
        evidence));
  }

  /**
   * Most closes are idle timeouts and clients keep opening new connections: they come back after the
   * timeout. Doubling steps toward nginx's default without guessing the clients' pauses, which the
   * listener does not see.
   */
  static Optional<Advice> idleTimeout(ListenerConfig listener, ListenerDelta d) {
    ClientKeepalive keepalive = listener.keepalive();
    Duration timeout = keepalive.timeout();
    long idleCloses = d.closed(IDLE_TIMEOUT);
    if (!keepalive.enabled() || timeout.compareTo(AdvisorThresholds.CLIENT_TIMEOUT_CEILING) >= 0
        || idleCloses < AdvisorThresholds.MIN_CLOSES
        || idleCloses < AdvisorThresholds.IDLE_CLOSE_SHARE * d.closedTotal()
        || d.newConnectionsPer100Requests() < AdvisorThresholds.CHURN_PER_100_REQUESTS
        || d.accepted() * 2 < idleCloses) {
      return Optional.empty();
    }
    Duration doubled = timeout.multipliedBy(2);
    Duration suggested = Duration.ofSeconds(Math.max(1, (doubled.toMillis() + 999) / 1000));
    if (suggested.compareTo(AdvisorThresholds.CLIENT_TIMEOUT_CEILING) > 0) {
      suggested = AdvisorThresholds.CLIENT_TIMEOUT_CEILING;
    }
    Map<String, Object> evidence = evidence(d);
    evidence.put("closedIdleTimeout", idleCloses);
    evidence.put("closedTotal", d.closedTotal());
    String why = String.format(Locale.ROOT,
        "Listener %s closed %d of %d client connections for idleness (keepalive.timeout = %s) while clients "
            + "opened %d new connections, %.1f per 100 requests: they come back after the timeout and "
            + "reconnect. %s keeps them twice as long (at most nginx's default, 75s).",
        listener.name(), idleCloses, d.closedTotal(), Durations.format(timeout), d.accepted(),
        d.newConnectionsPer100Requests(), Durations.format(suggested));
    return Optional.of(new Advice(path(listener, "timeout"), Durations.format(timeout), Durations.format(suggested),
        why, evidence));
  }

  private static Map<String, Object> evidence(ListenerDelta d) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("windowSeconds", UpstreamRules.round(d.seconds()));
    evidence.put("requests", d.requests());
    evidence.put("newConnections", d.accepted());
    evidence.put("newConnectionsPer100Requests", UpstreamRules.round(d.newConnectionsPer100Requests()));
    return evidence;
  }

  private static List<String> path(ListenerConfig listener, String key) {
    return List.of("listeners", listener.name(), "keepalive", key);
  }
}
