package io.holdfast.accesslog;

import java.nio.charset.StandardCharsets;

/**
 * nginx's {@code combined} with Holdfast's timings after it:
 * <pre>
 * $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" uct=… rt=… urt=… reused=… upstream=…
 * </pre>
 * The contract fixes the end of the line ({@code rt= urt= reused= upstream=}), so {@code uct=} goes before
 * {@code rt=}. Unknown values are {@code -}, as nginx writes them; every value is escaped as nginx does.
 */
final class CombinedFormat implements LineFormat {

  private static final byte[] UCT = bytes(" uct=");
  private static final byte[] RT = bytes(" rt=");
  private static final byte[] URT = bytes(" urt=");
  private static final byte[] REUSED = bytes(" reused=");
  private static final byte[] UPSTREAM = bytes(" upstream=");

  private final LogClock clock;

  CombinedFormat(LogClock clock) {
    this.clock = clock;
  }

  @Override
  public void append(AccessRecord r, LineBuffer out) {
    value(r.remoteAddr(), out).append(' ').append('-').append(' ');
    value(RemoteUser.of(r.authorization()), out).append(' ').append('[').append(clock.local(r.endedAtMillis()))
        .append(']').append(' ').append('"');
    if (r.method() == null) {
      out.append('-');
    } else {
      out.escaped(r.method()).append(' ').escaped(r.uri()).append(' ').escaped(r.protocol());
    }
    out.append('"').append(' ').append(r.status()).append(' ').append(r.bodyBytes()).append(' ').append('"');
    value(r.referer(), out).append('"').append(' ').append('"');
    value(r.userAgent(), out).append('"');
    out.append(UCT);
    seconds(r.reused() == AccessRecord.FRESH ? r.connectNanos() : -1, out);
    out.append(RT);
    seconds(r.requestNanos(), out);
    out.append(URT);
    seconds(r.upstreamNanos(), out);
    out.append(REUSED);
    if (r.reused() == AccessRecord.NO_UPSTREAM) {
      out.append('-');
    } else {
      out.append((char) ('0' + r.reused()));
    }
    out.append(UPSTREAM);
    value(r.upstreamAddr(), out).append('\n');
  }

  private static LineBuffer value(String value, LineBuffer out) {
    return value == null ? out.append('-') : out.escaped(value);
  }

  private static void seconds(long nanos, LineBuffer out) {
    if (nanos < 0) {
      out.append('-');
    } else {
      out.seconds(nanos);
    }
  }

  private static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }
}
