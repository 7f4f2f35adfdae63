package io.holdfast.proxy;

import io.holdfast.config.UpstreamConfig;
import io.vertx.core.http.RequestOptions;

/**
 * The {@link RequestOptions} an upstream's requests are created with (only the response timeout matters:
 * method, URI and headers are set by {@code ProxyRequest.send}). Read-only once built, so one instance
 * serves every request of that upstream config instead of one allocation per request; the last one is
 * remembered, which covers the common single-upstream case without a map.
 */
final class UpstreamRequestOptions {

  /**
   * For a request with a body: its response timeout starts only when the body was sent whole
   * ({@code HttpClientRequest.idleTimeout}), since a slow client is no upstream's fault. Never mutated.
   */
  static final RequestOptions UNTIMED = new RequestOptions();

  private record Entry(UpstreamConfig config, RequestOptions options) {
  }

  // Racy by design: any Entry seen is complete and correct, at worst one is rebuilt.
  private Entry last;

  RequestOptions of(UpstreamConfig config) {
    Entry entry = last;
    if (entry == null || entry.config != config) {
      entry = new Entry(config, new RequestOptions().setIdleTimeout(config.responseTimeout().toMillis()));
      last = entry;
    }
    return entry.options;
  }
}
