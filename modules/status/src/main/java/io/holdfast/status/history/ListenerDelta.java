package io.holdfast.status.history;

import io.holdfast.bus.ListenerStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one listener did between two readings: requests, new client connections and closes by reason, as
 * deltas and per second. A counter that went down counts zero.
 */
public final class ListenerDelta {

  private final ListenerStats after;
  private final double seconds;
  private final long requests;
  private final long accepted;
  private final Map<String, Long> closed = new LinkedHashMap<>();

  private ListenerDelta(ListenerStats before, ListenerStats after, double seconds) {
    this.after = after;
    this.seconds = seconds;
    this.requests = delta(before == null ? 0 : before.requests(), after.requests());
    this.accepted = delta(before == null ? 0 : before.accepted(), after.accepted());
    after.closedByReason().forEach((reason, count) ->
        closed.put(reason, delta(before == null ? 0 : before.closedByReason().getOrDefault(reason, 0L), count)));
  }

  /** From {@code before} (null: the listener was not there yet) to {@code after}. */
  public static ListenerDelta between(ListenerStats before, ListenerStats after, double seconds) {
    return new ListenerDelta(before, after, seconds);
  }

  public ListenerStats after() {
    return after;
  }

  public double seconds() {
    return seconds;
  }

  public long requests() {
    return requests;
  }

  /** New client connections. */
  public long accepted() {
    return accepted;
  }

  /** Connections closed for {@code reason} (a close reason of status.md). */
  public long closed(String reason) {
    return closed.getOrDefault(reason, 0L);
  }

  public long closedTotal() {
    return closed.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<String, Long> closedByReason() {
    return Map.copyOf(closed);
  }

  public double requestsPerSecond() {
    return perSecond(requests);
  }

  public double newConnectionsPerSecond() {
    return perSecond(accepted);
  }

  public double perSecond(long count) {
    return seconds > 0 ? count / seconds : Double.NaN;
  }

  /** New client connections per 100 requests: how often clients had to (re)connect. */
  public double newConnectionsPer100Requests() {
    return requests == 0 ? Double.NaN : 100.0 * accepted / requests;
  }

  private static long delta(long before, long after) {
    return Math.max(0, after - before);
  }
}
