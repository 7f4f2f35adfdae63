package io.holdfast.proxy;

import io.holdfast.upstream.UpstreamLease;

/**
 * What an exchange tells about its upstream side while it runs, for the access log: which connection the
 * request went out on (its server, reuse and timings are read from the lease when the client response ends)
 * and what the upstream answered. Called on the request's event loop. {@link #NONE} when nobody listens.
 */
public interface ExchangeTrace {

  ExchangeTrace NONE = new ExchangeTrace() {
  };

  /** The request goes to {@code upstream} on {@code lease}'s connection; called again for a retry on a fresh one. */
  default void leased(String upstream, UpstreamLease lease) {
  }

  /** No connection to {@code upstream} could be had; {@code server}: the one whose connect failed, or null. */
  default void unreached(String upstream, String server) {
  }

  /** The upstream's response head arrived with {@code status}. */
  default void responded(int status) {
  }
}
