package io.holdfast.status.history;

import io.holdfast.bus.ResponseTimeHistogram;
import io.holdfast.bus.ServerStats;

/**
 * What one upstream server did between two readings of its counters: deltas, and the rates and shares the
 * dashboard and the advisor read. A counter that went down (an instance stopped with its counts) counts
 * zero. Shares and quantiles are NaN over an interval without requests.
 */
public final class ServerDelta {

  private final ServerStats after;
  private final double seconds;
  private final long requests;
  private final long opened;
  private final long reused;
  private final long retried;
  private final long failures;
  private final long idleClosedByUpstream;
  private final ResponseTimeHistogram responseTimes;

  private ServerDelta(ServerStats before, ServerStats after, double seconds) {
    this.after = after;
    this.seconds = seconds;
    this.requests = delta(before == null ? 0 : before.requests(), after.requests());
    this.opened = delta(before == null ? 0 : before.opened(), after.opened());
    this.reused = delta(before == null ? 0 : before.reused(), after.reused());
    this.retried = delta(before == null ? 0 : before.retried(), after.retried());
    this.failures = delta(before == null ? 0 : before.failures(), after.failures());
    this.idleClosedByUpstream = delta(before == null ? 0 : before.idleClosedByUpstream(), after.idleClosedByUpstream());
    this.responseTimes = before == null ? after.responseTimes() : after.responseTimes().since(before.responseTimes());
  }

  /** From {@code before} (null: the server was not there yet, so everything counted since) to {@code after}. */
  public static ServerDelta between(ServerStats before, ServerStats after, double seconds) {
    return new ServerDelta(before, after, seconds);
  }

  /** The later reading: its gauges are the server's state at the end of the interval. */
  public ServerStats after() {
    return after;
  }

  public double seconds() {
    return seconds;
  }

  public long requests() {
    return requests;
  }

  public long opened() {
    return opened;
  }

  public long reused() {
    return reused;
  }

  public long retried() {
    return retried;
  }

  public long failures() {
    return failures;
  }

  public long idleClosedByUpstream() {
    return idleClosedByUpstream;
  }

  public double requestsPerSecond() {
    return seconds > 0 ? requests / seconds : Double.NaN;
  }

  /** Connections opened per 100 requests: 0 when every request was served on a kept connection. */
  public double newConnectionsPer100Requests() {
    return requests == 0 ? Double.NaN : 100.0 * opened / requests;
  }

  public double reusePercent() {
    return requests == 0 ? Double.NaN : 100.0 * reused / requests;
  }

  public double p50Millis() {
    return responseTimes.quantileMillis(0.50);
  }

  public double p99Millis() {
    return responseTimes.quantileMillis(0.99);
  }

  private static long delta(long before, long after) {
    return Math.max(0, after - before);
  }
}
