package io.holdfast.proxy;

import io.holdfast.upstream.UpstreamFailure;
import io.holdfast.upstream.UpstreamLease;
import io.vertx.core.Future;

/**
 * What the upstream is blamed for when a request got no usable response from it, typed with the status the
 * client gets as nginx gives it: 504 for a server that stalled the body or stayed silent past
 * {@code responseTimeout}, 502 for one that broke off or switched protocols wrongly. Each discards the lease's
 * connection, which holds half an exchange or speaks a protocol nobody here knows. Shared by
 * {@link Exchange} and {@link UpgradeExchange}, so the same failure reads the same in the log.
 */
final class UpstreamSendFailures {

  private UpstreamSendFailures() {
  }

  /** The server took none of the request body for {@code timeoutMillis}: 504. */
  static <T> Future<T> bodyNotTaken(UpstreamLease lease, long timeoutMillis, Throwable cause) {
    lease.discard(cause);
    return Future.failedFuture(new UpstreamFailure(504, "upstream " + lease.server().address()
        + " took none of the request body for " + timeoutMillis + " ms", cause));
  }

  /** The request went whole and no response head came within {@code timeoutMillis}: 504. */
  static <T> Future<T> noResponse(UpstreamLease lease, long timeoutMillis, Throwable cause) {
    lease.discard(cause);
    return Future.failedFuture(new UpstreamFailure(504,
        "no response from " + lease.server().address() + " within " + timeoutMillis + " ms", cause));
  }

  /** The connection failed (closed, reset, refused the write) before a response, and no retry is safe: 502. */
  static <T> Future<T> brokeOff(UpstreamLease lease, Throwable cause) {
    lease.discard(cause);
    return Future.failedFuture(new UpstreamFailure(502,
        "upstream " + lease.server().address() + " failed before a response: " + cause.getMessage(), cause));
  }

  /** The server answered {@code 101} {@code how} (no upgrade asked, no Upgrade header): 502. */
  static <T> Future<T> badSwitch(UpstreamLease lease, String how) {
    UpstreamFailure failure = new UpstreamFailure(502, "upstream " + lease.server().address() + " answered 101 " + how);
    lease.discard(failure);
    return Future.failedFuture(failure);
  }
}
