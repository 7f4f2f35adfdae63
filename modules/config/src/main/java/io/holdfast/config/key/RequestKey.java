package io.holdfast.config.key;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * A value of the request that balancing or a split route hashes: {@code $remote_addr} (the client's IP
 * address), {@code $uri} (the path as received, without the query), {@code $cookie_<name>} or
 * {@code $header_<name>}. Immutable; {@link #hash} reads the request without allocating.
 */
public record RequestKey(Kind kind, String name) {

  /** {@link #hash} when the request has no such value or it is empty. */
  public static final long NONE = -1;

  /** What the config accepts, for error messages. */
  public static final String EXPECTED = "must be $remote_addr, $uri, $cookie_<name> or $header_<name>";

  public enum Kind {
    REMOTE_ADDR("$remote_addr"), URI("$uri"), COOKIE("$cookie_"), HEADER("$header_");

    private final String spelling;

    Kind(String spelling) {
      this.spelling = spelling;
    }
  }

  /** The key written as {@code expression}, or null when it is none of the accepted forms. */
  public static RequestKey parse(String expression) {
    if (expression == null) {
      return null;
    }
    if (expression.equals(Kind.REMOTE_ADDR.spelling)) {
      return new RequestKey(Kind.REMOTE_ADDR, null);
    }
    if (expression.equals(Kind.URI.spelling)) {
      return new RequestKey(Kind.URI, null);
    }
    for (Kind kind : new Kind[] {Kind.COOKIE, Kind.HEADER}) {
      if (expression.startsWith(kind.spelling)) {
        String name = expression.substring(kind.spelling.length());
        // A header name is a token too (RFC 9110), so one check serves both.
        return Cookies.validName(name) ? new RequestKey(kind, name) : null;
      }
    }
    return null;
  }

  /** As written in the config. */
  public String expression() {
    return name == null ? kind.spelling : kind.spelling + name;
  }

  /** The unsigned 32-bit {@code function} hash of this key's value in {@code request}, or {@link #NONE}. */
  public long hash(HttpServerRequest request, KeyHash function) {
    String source = source(request);
    if (source == null) {
      return NONE;
    }
    int from = 0;
    int to = source.length();
    if (kind == Kind.COOKIE) {
      long range = Cookies.find(source, name);
      if (range < 0) {
        return NONE;
      }
      from = Cookies.start(range);
      to = Cookies.end(range);
    }
    return from == to ? NONE : function.hash(source, from, to);
  }

  private String source(HttpServerRequest request) {
    switch (kind) {
      case REMOTE_ADDR: {
        // host(): the peer's IP literal, kept by the connection's address; hostAddress() formats a new String each call.
        SocketAddress remote = request.remoteAddress();
        return remote == null ? null : remote.host();
      }
      case URI:
        return request.path();
      case COOKIE:
        return request.getHeader(HttpHeaders.COOKIE);
      default:
        return request.getHeader(name);
    }
  }

  @Override
  public String toString() {
    return expression();
  }
}
