package io.holdfast.bus;

/**
 * One upstream server's figures: as one instance's pools report them ({@code instances} 1), or summed
 * over several instances with {@link #plus}. {@code downOn} counts the instances whose health verdict
 * marks the server down (each instance judges on its own). {@code open} = {@code active} + {@code idle};
 * {@code lingering} counts idle connections above {@code keepalive.connections} waiting out
 * {@code keepalive.linger}. {@code opened} counts connections opened since start, {@code requests}
 * requests sent, {@code reused} of those sent on a connection that had served a request before,
 * {@code retried} requests retried on a fresh connection, {@code failures} requests that got no
 * response (connect refused, reset, timeout). Response times are summed so they can be averaged.
 * {@code tlsHandshakesFull} and {@code tlsHandshakesResumed} count the TLS handshakes of the connections
 * opened (both 0 for a plain server): a resumed one skipped the certificate exchange and key agreement.
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
    long tlsHandshakesFull,
    long tlsHandshakesResumed) {

  private static final double NANOS_PER_MILLI = 1_000_000.0;

  /** A plain server's figures: no TLS handshakes. */
  public ServerStats(String upstream, String server, int instances, int downOn, int open, int active, int idle,
      int lingering, long opened, long closed, long requests, long reused, long retried, long failures,
      long responseTimeNanosTotal, long responseTimeNanosMax) {
    this(upstream, server, instances, downOn, open, active, idle, lingering, opened, closed, requests, reused,
        retried, failures, responseTimeNanosTotal, responseTimeNanosMax, 0, 0);
  }

  /** The figures of both, as if one pool had served everything: gauges and counters add, maxima take the larger. */
  public ServerStats plus(ServerStats o) {
    return new ServerStats(upstream, server, instances + o.instances, downOn + o.downOn, open + o.open,
        active + o.active, idle + o.idle, lingering + o.lingering, opened + o.opened, closed + o.closed,
        requests + o.requests, reused + o.reused, retried + o.retried, failures + o.failures,
        responseTimeNanosTotal + o.responseTimeNanosTotal,
        Math.max(responseTimeNanosMax, o.responseTimeNanosMax),
        tlsHandshakesFull + o.tlsHandshakesFull, tlsHandshakesResumed + o.tlsHandshakesResumed);
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
