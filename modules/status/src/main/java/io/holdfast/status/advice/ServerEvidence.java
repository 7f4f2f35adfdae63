package io.holdfast.status.advice;

import io.holdfast.bus.ServerStats;
import io.holdfast.status.history.ServerDelta;
import io.holdfast.status.history.StatsSample;
import io.holdfast.status.history.StatsSample.ServerId;
import java.util.List;
import java.util.Optional;

/**
 * What one upstream server did over an evidence window: the deltas from its first sample there to the
 * newest, the most requests in flight at once per instance, the most surplus connections lingering, and
 * the idle age at which the upstream itself closed pooled connections (0 when it never did).
 */
record ServerEvidence(
    ServerId id,
    ServerDelta delta,
    int peakActivePerInstance,
    int instances,
    int lingeringMax,
    long observedIdleLimitMillis,
    int keepAliveTimeoutAnnounced) {

  /** Empty when the server is not in the newest sample, or the window is too short or too quiet to judge. */
  static Optional<ServerEvidence> of(List<StatsSample> window, ServerId id) {
    int start = 0;
    while (start < window.size() && !window.get(start).servers().containsKey(id)) {
      start++;
    }
    List<StatsSample> seen = window.subList(Math.min(start, window.size()), window.size());
    if (!EvidenceWindow.longEnough(seen) || !seen.get(seen.size() - 1).servers().containsKey(id)) {
      return Optional.empty();
    }
    StatsSample first = seen.get(0);
    StatsSample last = seen.get(seen.size() - 1);
    ServerStats now = last.servers().get(id);
    ServerDelta delta = ServerDelta.between(first.servers().get(id), now, last.secondsSince(first));
    if (delta.requests() < AdvisorThresholds.MIN_REQUESTS) {
      return Optional.empty();
    }
    int peak = 0;
    int lingering = 0;
    long observedIdleLimit = 0;
    ServerStats previous = first.servers().get(id);
    // The first sample is the baseline: its peak may reach back before the window.
    for (StatsSample sample : seen.subList(1, seen.size())) {
      ServerStats s = sample.servers().get(id);
      if (s == null) {
        continue;
      }
      peak = Math.max(peak, ceilDiv(s.peakActive(), Math.max(1, s.instances())));
      lingering = Math.max(lingering, s.lingering());
      if (s.idleClosedByUpstream() > previous.idleClosedByUpstream()) {
        observedIdleLimit = Math.max(observedIdleLimit, s.idleAgeAtUpstreamCloseMillis());
      }
      previous = s;
    }
    return Optional.of(new ServerEvidence(id, delta, peak, now.instances(), lingering, observedIdleLimit,
        now.keepAliveTimeoutAnnounced()));
  }

  double churnPer100() {
    return delta.newConnectionsPer100Requests();
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
