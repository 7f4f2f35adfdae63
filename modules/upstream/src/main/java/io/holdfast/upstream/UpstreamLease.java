package io.holdfast.upstream;

import io.holdfast.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientResponse;

/**
 * One exchange's hold on one upstream connection. Exactly one of {@link #release} or {@link #discard}
 * ends it.
 */
public interface UpstreamLease {

  HttpClientConnection connection();

  ServerConfig server();

  /** Whether this connection served a request before this one (so it may have gone stale). */
  boolean reused();

  /**
   * Whether this is the connection's last exchange (keepalive off, {@code keepalive.requests} reached, or
   * its pool draining): the request should carry {@code Connection: close}. Added after the first
   * version; the default keeps other implementations compiling.
   */
  default boolean lastRequest() {
    return false;
  }

  /**
   * The {@code Set-Cookie} value the client response must carry to pin the client to {@link #server()}
   * (sticky sessions), or null when the request already names this server or stickiness is off.
   */
  default String stickyCookie() {
    return null;
  }

  /**
   * How long opening this connection took (TCP and TLS), in nanoseconds; -1 when the request went out on a
   * connection that was open already. For the access log's {@code uct}.
   */
  default long connectNanos() {
    return -1;
  }

  /**
   * From the start of the connect (or the lease of an open connection) to the end of the response — read to
   * its end, or broken — or to {@code now} while it lasts, in nanoseconds: nginx's
   * {@code $upstream_response_time}. -1 when unknown.
   */
  default long responseNanos(long now) {
    return -1;
  }

  /** The upstream's response head arrived with {@code status}: counted by status class for the server. */
  default void responded(int status) {
  }

  /**
   * The response was read to its end. The pool keeps the connection if neither side asked to close, its
   * framing was exact and no keepalive limit was reached; it honours {@code Keep-Alive: timeout=N}.
   */
  void release(HttpClientResponse response);

  /** The connection cannot be reused: it is closed. A {@code failure} counts toward passive health. */
  void discard(Throwable failure);

  /**
   * The upstream switched protocols ({@code 101}): this lease ends and its connection becomes a tunnel, which
   * never goes back to the pool and is counted apart from the pooled connections. Added after the first
   * version; the default keeps other implementations compiling.
   */
  default UpstreamTunnel tunnel() {
    throw new UnsupportedOperationException("this lease cannot become a tunnel");
  }

  /**
   * For the one retry of an idempotent request that failed on a reused connection before any response
   * byte: a fresh connection to the same upstream. This lease must already be discarded.
   */
  Future<UpstreamLease> retryOnFreshConnection();
}
