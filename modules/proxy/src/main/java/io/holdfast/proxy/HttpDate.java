package io.holdfast.proxy;

import java.time.ZoneOffset;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The proxy's own {@code Date} header, formatted at most once per second: parsing and re-formatting the
 * upstream's date per response (what vertx-http-proxy does) cost ~12 % of the event loop.
 */
final class HttpDate {

  private record Cached(long second, String value) {
  }

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private static volatile Cached cached = new Cached(-1, "");

  private HttpDate() {
  }

  static String now() {
    long second = System.currentTimeMillis() / 1000;
    Cached c = cached;
    if (c.second != second) {
      c = new Cached(second, FORMAT.format(Instant.ofEpochSecond(second)));
      cached = c;
    }
    return c.value;
  }
}
