package io.holdfast.bus;

/**
 * One upstream server's figures: as one instance's pools report them ({@code instances} 1), or summed
 * over several instances with {@link #plus}. {@code downOn} counts the instances that keep the server out of
 * their picks (their own passive count, a passive mark shared by the health owner, or its probe verdict).
 * {@code open} = {@code active} + {@code idle};
 * {@code lingering} counts idle connections above {@code keepalive.connections} waiting out
 * {@code keepalive.linger}. {@code opened} counts connections opened since start, {@code requests}
 * requests sent, {@code reused} of those sent on a connection that had served a request before,
 * {@code retried} requests retried on a fresh connection, {@code failures} requests that got no
 * response (connect refused, reset, timeout). Response times are summed so they can be averaged, and
 * counted in {@code responseTimes} buckets so quantiles can be estimated.
 *
 * <p>What the keepalive advisor reads besides: {@code peakActive}, the most requests in flight at once
 * (leased connections and connections being opened) over at least the last {@link #PEAK_WINDOW_MILLIS};
 * {@code idleClosedByUpstream}, idle pooled connections the upstream closed before Holdfast retired them,
 * and {@code idleAgeAtUpstreamCloseMillis}, how long the last of those had been idle (0 before the first);
 * {@code keepAliveTimeoutAnnounced}, the last {@code Keep-Alive: timeout=N} the server sent, in seconds
 * ({@code -1} when it never sent one).
 *
 * <p>{@code tlsHandshakesFull} and {@code tlsHandshakesResumed} count the TLS handshakes of the connections
 * opened (both 0 for a plain server): a resumed one skipped the certificate exchange and key agreement.
 *
 * <p>{@code responses} counts the response heads the server sent, by status class.
 *
 * <p>{@code tunnels}: the server's WebSocket and other {@code Upgrade} tunnels, whose connections left the pool
 * for good and are not in {@code open}.
 */
public record ServerStats(
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
    long responseTimeNanosMax,
    int peakActive,
    long idleClosedByUpstream,
    long idleAgeAtUpstreamCloseMillis,
    int keepAliveTimeoutAnnounced,
    ResponseTimeHistogram responseTimes,
    long tlsHandshakesFull,
    long tlsHandshakesResumed,
    StatusClasses responses,
    TunnelStats tunnels) {

  /**
   * {@code peakActive} covers at least this much time back (at most twice as much): the status history's
   * sample period, so consecutive samples miss no peak.
   */
  public static final long PEAK_WINDOW_MILLIS = 2_000;

  /** Never announced: no {@code Keep-Alive: timeout} seen from the server. */
  public static final int NOT_ANNOUNCED = -1;

  private static final double NANOS_PER_MILLI = 1_000_000.0;

  public ServerStats {
    if (responseTimes == null) {
      responseTimes = ResponseTimeHistogram.empty();
    }
    if (responses == null) {
      responses = StatusClasses.NONE;
    }
    if (tunnels == null) {
      tunnels = TunnelStats.EMPTY;
    }
  }

  /** The figures of a server that never had a tunnel. */
  public ServerStats(String upstream, String server, int instances, int downOn, int open, int active, int idle,
      int lingering, long opened, long closed, long requests, long reused, long retried, long failures,
      long responseTimeNanosTotal, long responseTimeNanosMax, int peakActive, long idleClosedByUpstream,
      long idleAgeAtUpstreamCloseMillis, int keepAliveTimeoutAnnounced, ResponseTimeHistogram responseTimes,
      long tlsHandshakesFull, long tlsHandshakesResumed, StatusClasses responses) {
    this(upstream, server, instances, downOn, open, active, idle, lingering, opened, closed, requests, reused,
        retried, failures, responseTimeNanosTotal, responseTimeNanosMax, peakActive, idleClosedByUpstream,
        idleAgeAtUpstreamCloseMillis, keepAliveTimeoutAnnounced, responseTimes, tlsHandshakesFull,
        tlsHandshakesResumed, responses, TunnelStats.EMPTY);
  }

  /** The figures without responses by class (none counted). */
  public ServerStats(String upstream, String server, int instances, int downOn, int open, int active, int idle,
      int lingering, long opened, long closed, long requests, long reused, long retried, long failures,
      long responseTimeNanosTotal, long responseTimeNanosMax, int peakActive, long idleClosedByUpstream,
      long idleAgeAtUpstreamCloseMillis, int keepAliveTimeoutAnnounced, ResponseTimeHistogram responseTimes,
      long tlsHandshakesFull, long tlsHandshakesResumed) {
    this(upstream, server, instances, downOn, open, active, idle, lingering, opened, closed, requests, reused,
        retried, failures, responseTimeNanosTotal, responseTimeNanosMax, peakActive, idleClosedByUpstream,
        idleAgeAtUpstreamCloseMillis, keepAliveTimeoutAnnounced, responseTimes, tlsHandshakesFull,
        tlsHandshakesResumed, StatusClasses.NONE);
  }

  /** The figures without what the keepalive advisor reads (zero, never announced, empty histogram). */
  public ServerStats(String upstream, String server, int instances, int downOn, int open, int active, int idle,
      int lingering, long opened, long closed, long requests, long reused, long retried, long failures,
      long responseTimeNanosTotal, long responseTimeNanosMax) {
    this(upstream, server, instances, downOn, open, active, idle, lingering, opened, closed, requests, reused,
        retried, failures, responseTimeNanosTotal, responseTimeNanosMax, 0, 0, 0, NOT_ANNOUNCED,
        ResponseTimeHistogram.empty(), 0, 0);
  }

  /** A plain server's figures: no TLS handshakes. */
  public ServerStats(String upstream, String server, int instances, int downOn, int open, int active, int idle,
      int lingering, long opened, long closed, long requests, long reused, long retried, long failures,
      long responseTimeNanosTotal, long responseTimeNanosMax, int peakActive, long idleClosedByUpstream,
      long idleAgeAtUpstreamCloseMillis, int keepAliveTimeoutAnnounced, ResponseTimeHistogram responseTimes) {
    this(upstream, server, instances, downOn, open, active, idle, lingering, opened, closed, requests, reused,
        retried, failures, responseTimeNanosTotal, responseTimeNanosMax, peakActive, idleClosedByUpstream,
        idleAgeAtUpstreamCloseMillis, keepAliveTimeoutAnnounced, responseTimes, 0, 0);
  }

  /**
   * The figures of both, as if one pool had served everything: gauges and counters add (so
   * {@code peakActive} is the sum of the instances' peaks), maxima take the larger, as does the announced
   * timeout and the idle age at an upstream close (every instance talks to the same server).
   */
  public ServerStats plus(ServerStats o) {
    return new ServerStats(upstream, server, instances + o.instances, downOn + o.downOn, open + o.open,
        active + o.active, idle + o.idle, lingering + o.lingering, opened + o.opened, closed + o.closed,
        requests + o.requests, reused + o.reused, retried + o.retried, failures + o.failures,
        responseTimeNanosTotal + o.responseTimeNanosTotal,
        Math.max(responseTimeNanosMax, o.responseTimeNanosMax),
        peakActive + o.peakActive, idleClosedByUpstream + o.idleClosedByUpstream,
        Math.max(idleAgeAtUpstreamCloseMillis, o.idleAgeAtUpstreamCloseMillis),
        Math.max(keepAliveTimeoutAnnounced, o.keepAliveTimeoutAnnounced), responseTimes.plus(o.responseTimes),
        tlsHandshakesFull + o.tlsHandshakesFull, tlsHandshakesResumed + o.tlsHandshakesResumed,
        responses.plus(o.responses), tunnels.plus(o.tunnels));
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
