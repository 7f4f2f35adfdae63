package io.holdfast.status;

import io.holdfast.bus.ServerPoolStats;

/**
 * One upstream server summed over every instance's pool. {@code downOn} counts the instances whose
 * passive health check currently marks the server down (each instance judges on its own).
 */
public record ServerTotals(
    String upstream,
    String server,
    int instances,
    int downOn,
    int open,
    int active,
    int idle,
    int lingering,
    long opened,
    long closed,
    long requests,
    long reused,
    long retried,
    long failures,
    long responseTimeNanosTotal,
    long responseTimeNanosMax) {

  private static final double NANOS_PER_MILLI = 1_000_000.0;

  static ServerTotals of(ServerPoolStats s) {
    return new ServerTotals(s.upstream(), s.server(), 1, s.down() ? 1 : 0, s.open(), s.active(), s.idle(),
        s.lingering(), s.opened(), s.closed(), s.requests(), s.reused(), s.retried(), s.failures(),
        s.responseTimeNanosTotal(), s.responseTimeNanosMax());
  }

  ServerTotals plus(ServerTotals o) {
    return new ServerTotals(upstream, server, instances + o.instances, downOn + o.downOn, open + o.open,
        active + o.active, idle + o.idle, lingering + o.lingering, opened + o.opened, closed + o.closed,
        requests + o.requests, reused + o.reused, retried + o.retried, failures + o.failures,
        responseTimeNanosTotal + o.responseTimeNanosTotal,
        Math.max(responseTimeNanosMax, o.responseTimeNanosMax));
  }

  /** True when any instance marks the server down: that is the one worth an alert. */
  public boolean down() {
    return downOn > 0;
  }

  /** Share of requests served on a connection that had served one before; 0 before the first request. */
  public double reuseRatio() {
    return requests == 0 ? 0.0 : (double) reused / requests;
  }

  /** Mean time from lease to release per request (the pool times every lease it hands out, failed or not). */
  public double responseTimeAvgMillis() {
    return requests == 0 ? 0.0 : responseTimeNanosTotal / NANOS_PER_MILLI / requests;
  }

  public double responseTimeMaxMillis() {
    return responseTimeNanosMax / NANOS_PER_MILLI;
  }
}
