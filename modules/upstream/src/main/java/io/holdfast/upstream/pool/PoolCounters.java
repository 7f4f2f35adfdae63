package io.holdfast.upstream.pool;

import io.holdfast.bus.ResponseTimeHistogram;
import io.holdfast.bus.ServerStats;
import io.holdfast.bus.StatusClasses;
import io.holdfast.bus.TunnelStats;
import io.holdfast.upstream.TunnelEnd;
import io.holdfast.upstream.tls.Handshake;

/**
 * The cumulative counters of one server of one upstream on one instance. Every pool generation for that
 * server shares one (see {@link PoolRuntime#counters}), so a reload that replaces the pool does not reset
 * them: they count since start, as the status page says. Plain fields: only the instance's event loop
 * touches them.
 */
final class PoolCounters {

  long opened;
  long closed;
  long requests;
  long reused;
  long retried;
  long failures;
  long tlsFull;
  long tlsResumed;
  /** Idle connections the upstream closed before a retire rule did, and how long the last had been idle. */
  long idleClosedByUpstream;
  long idleAgeAtUpstreamCloseNanos;
  /** Connections that became tunnels, what the tunnels carried each way, and why they ended. */
  long tunnelsOpened;
  long tunnelBytesToUpstream;
  long tunnelBytesToClient;
  private final long[] tunnelsEnded = new long[TunnelEnd.values().length];
  /** The last {@code Keep-Alive: timeout} announced, in seconds. */
  int keepAliveTimeoutAnnounced = ServerStats.NOT_ANNOUNCED;
  private long responseTimeTotal;
  private long responseTimeMax;
  private final long[] responseTimeBuckets = new long[ResponseTimeHistogram.BUCKETS];
  private final long[] responses = new long[StatusClasses.CODES.size()];
  /** Requests in flight over every generation of the pool, and its highest value this and last window. */
  private int inFlight;
  private int peak;
  private int previousPeak;

  void handshake(Handshake kind) {
    switch (kind) {
      case FULL -> tlsFull++;
      case RESUMED -> tlsResumed++;
      case NONE -> { }
    }
  }

  void responseTime(long nanos) {
    responseTimeTotal += nanos;
    if (nanos > responseTimeMax) {
      responseTimeMax = nanos;
    }
    responseTimeBuckets[ResponseTimeHistogram.bucketOf(nanos)]++;
  }

  void tunnelEnded(TunnelEnd why) {
    tunnelsEnded[why.ordinal()]++;
  }

  /** A response head arrived from the server. */
  void responded(int status) {
    int index = StatusClasses.classOf(status);
    if (index >= 0) {
      responses[index]++;
    }
  }

  /** A request took a connection (reused or being opened). */
  void leased() {
    if (++inFlight > peak) {
      peak = inFlight;
    }
  }

  /** A request gave its connection back (released, discarded, or its connect failed). */
  void returned() {
    inFlight--;
  }

  /** Starts a new peak window ({@link ServerStats#PEAK_WINDOW_MILLIS}); the reported peak spans two. */
  void rollPeakWindow() {
    previousPeak = peak;
    peak = inFlight;
  }

  /** These counters with the gauges of every live and draining pool of the server summed by the caller. */
  ServerStats snapshot(String upstream, String server, boolean down, int active, int idle, int lingering,
                       int tunnels) {
    return new ServerStats(upstream, server, 1, down ? 1 : 0, active + idle, active, idle, lingering, opened, closed,
        requests, reused, retried, failures, responseTimeTotal, responseTimeMax, Math.max(peak, previousPeak),
        idleClosedByUpstream, idleAgeAtUpstreamCloseNanos / 1_000_000, keepAliveTimeoutAnnounced,
        ResponseTimeHistogram.of(responseTimeBuckets), tlsFull, tlsResumed, StatusClasses.of(responses),
        new TunnelStats(tunnels, tunnelsOpened, tunnelBytesToUpstream, tunnelBytesToClient,
            tunnelsEnded[TunnelEnd.CLIENT.ordinal()], tunnelsEnded[TunnelEnd.UPSTREAM.ordinal()],
            tunnelsEnded[TunnelEnd.IDLE_TIMEOUT.ordinal()], tunnelsEnded[TunnelEnd.SHUTDOWN.ordinal()]));
  }
}
