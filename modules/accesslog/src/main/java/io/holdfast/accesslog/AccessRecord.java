package io.holdfast.accesslog;

/**
 * What one finished request leaves for the access log, collected on its event loop and formatted on the
 * writer thread. Immutable. Strings are as received (header and request-line bytes as chars 0–255); a null
 * string, a negative time and {@link #NO_UPSTREAM} mean "not known", written {@code -} (JSON {@code null}).
 *
 * @param listener       the listener that took the request
 * @param endedAtMillis  wall-clock time the response ended ({@code $time_local})
 * @param remoteAddr     the client's address ({@code $remote_addr})
 * @param authorization  the request's {@code Authorization} value when it is Basic (for {@code $remote_user}), else null
 * @param method         the request method; null when no request line was read (the line is then {@code -})
 * @param uri            the request target as received
 * @param protocol       {@code HTTP/1.0}, {@code HTTP/1.1} or {@code HTTP/2.0}
 * @param status         the status the client got ({@code 499}: it went before any was sent)
 * @param bodyBytes      response body bytes sent ({@code $body_bytes_sent})
 * @param referer        the {@code Referer} header
 * @param userAgent      the {@code User-Agent} header
 * @param requestNanos   from the request head's first byte to the response's end ({@code $request_time})
 * @param upstreamName   the upstream the request was sent to (a split route's pick)
 * @param upstreamAddr   the server that had the request ({@code $upstream_addr})
 * @param reused         {@link #REUSED}, {@link #FRESH} or {@link #NO_UPSTREAM}
 * @param connectNanos   time to open the connection the request went out on; -1 when it was already open
 * @param upstreamNanos  from the connect (or the lease of an open connection) to the upstream response's end
 * @param upstreamStatus the status the upstream answered; 0 when none came
 */
public record AccessRecord(
    String listener,
    long endedAtMillis,
    String remoteAddr,
    String authorization,
    String method,
    String uri,
    String protocol,
    int status,
    long bodyBytes,
    String referer,
    String userAgent,
    long requestNanos,
    String upstreamName,
    String upstreamAddr,
    int reused,
    long connectNanos,
    long upstreamNanos,
    int upstreamStatus) {

  /** The request went out on a connection that was open already (pooled, or opened ahead by {@code warm}). */
  public static final int REUSED = 1;
  /** The request went out on a connection opened for it (or its connect failed). */
  public static final int FRESH = 0;
  /** No upstream connection was involved: Holdfast answered itself. */
  public static final int NO_UPSTREAM = -1;
}
