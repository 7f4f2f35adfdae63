package io.holdfast.upstream.balance;

import io.holdfast.config.ServerConfig;
import io.holdfast.config.StickyConfig;
import io.holdfast.config.key.Cookies;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Sticky sessions by an inserted cookie. Each server's cookie value is the first 8 bytes of
 * SHA-256({@code upstream \0 address}) in hex: opaque (not the address), the same on every instance and
 * after a restart, and different for the same address in another upstream. The {@code Set-Cookie} value of
 * each server is built once; a request's cookie is found by scanning its {@code Cookie} header.
 */
public final class StickyCookie {

  private final String name;
  private final String[] values;
  private final String[] setCookies;

  public StickyCookie(String upstream, List<ServerConfig> servers, StickyConfig config) {
    this.name = config.cookie();
    this.values = new String[servers.size()];
    this.setCookies = new String[servers.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(upstream, servers.get(i).address());
      setCookies[i] = setCookie(config, values[i]);
    }
  }

  /** The server the request's cookie names, or -1 (no cookie, or a value no server of this upstream has). */
  public int serverOf(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.COOKIE);
    if (header == null) {
      return -1;
    }
    long range = Cookies.find(header, name);
    if (range < 0) {
      return -1;
    }
    int start = Cookies.start(range);
    int length = Cookies.end(range) - start;
    for (int i = 0; i < values.length; i++) {
      if (values[i].length() == length && header.regionMatches(start, values[i], 0, length)) {
        return i;
      }
    }
    return -1;
  }

  /** The {@code Set-Cookie} header value that pins a client to {@code server}. */
  public String setCookie(int server) {
    return setCookies[server];
  }

  /** The cookie value naming {@code server}. */
  public String value(int server) {
    return values[server];
  }

  private static String value(String upstream, String address) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((upstream + "\0" + address).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String setCookie(StickyConfig config, String value) {
    StringBuilder cookie = new StringBuilder(config.cookie()).append('=').append(value)
        .append("; Path=").append(config.path());
    if (config.maxAge() != null) {
      long seconds = (config.maxAge().toMillis() + 999) / 1000;
      cookie.append("; Max-Age=").append(seconds);
    }
    if (config.secure()) {
      cookie.append("; Secure");
    }
    if (config.httpOnly()) {
      cookie.append("; HttpOnly");
    }
    return cookie.toString();
  }
}
