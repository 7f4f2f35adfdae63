package io.holdfast.listener.connection;

import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.StatusClasses;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One listener's counters on one instance. Plain fields on one event loop: no atomics, no locks, no
 * allocation when counting. Connection states (reading/writing/waiting) are not counted per request but
 * derived from the open connections when stats are asked for, which is rare.
 */
final class ListenerCounters {

  private static final CloseReason[] REASONS = CloseReason.values();

  long accepted;
  long handled;
  long requests;
  long http2Streams;
  private final long[] closed = new long[REASONS.length];
  private final long[] responses = new long[StatusClasses.CODES.size()];

  void closed(CloseReason reason) {
    closed[reason.ordinal()]++;
  }

  /** A final response head went to a client (Holdfast's own answers included). */
  void responded(int status) {
    int index = StatusClasses.classOf(status);
    if (index >= 0) {
      responses[index]++;
    }
  }

  ListenerStats snapshot(String listener, Collection<ConnectionState> open, long[] streamCuts) {
    int reading = 0;
    int writing = 0;
    int tunnels = 0;
    int tls = 0;
    int http2 = 0;
    for (ConnectionState state : open) {
      if (state.h2 != null) {
        http2++;
      }
      if (state.connection.isSsl()) {
        tls++;
      }
      if (state.tunnel != null) {
        tunnels++;
      }
      if (state.busy()) {
        writing++;
      } else if (state.readingHead()) {
        reading++;
      }
    }
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (CloseReason reason : REASONS) {
      byReason.put(reason.key(), closed[reason.ordinal()]);
    }
    return new ListenerStats(listener, accepted, handled, requests, open.size(), reading, writing,
        open.size() - reading - writing, byReason, StatusClasses.of(responses), tunnels,
        new ListenerStats.Edge(tls, http2, http2Streams, streamCuts[0], streamCuts[1]));
  }
}
