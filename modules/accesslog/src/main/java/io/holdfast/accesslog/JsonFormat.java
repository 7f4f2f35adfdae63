package io.holdfast.accesslog;

import java.nio.charset.StandardCharsets;

/**
 * One JSON object per line, the fields of {@code combined} under nginx's variable names plus the chosen
 * upstream, its status and the listener. Unknown values are {@code null}; times are seconds as numbers with
 * three decimals; the line is ASCII (see {@link LineBuffer#json}).
 */
final class JsonFormat implements LineFormat {

  private static final byte[] TIME = bytes("{\"time\":\"");
  private static final byte[] REMOTE_ADDR = bytes("\",\"remote_addr\":");
  private static final byte[] REMOTE_USER = bytes(",\"remote_user\":");
  private static final byte[] REQUEST = bytes(",\"request\":");
  private static final byte[] METHOD = bytes(",\"method\":");
  private static final byte[] URI = bytes(",\"uri\":");
  private static final byte[] PROTOCOL = bytes(",\"protocol\":");
  private static final byte[] STATUS = bytes(",\"status\":");
  private static final byte[] BODY_BYTES = bytes(",\"body_bytes_sent\":");
  private static final byte[] REFERER = bytes(",\"http_referer\":");
  private static final byte[] USER_AGENT = bytes(",\"http_user_agent\":");
  private static final byte[] REQUEST_TIME = bytes(",\"request_time\":");
  private static final byte[] CONNECT_TIME = bytes(",\"upstream_connect_time\":");
  private static final byte[] RESPONSE_TIME = bytes(",\"upstream_response_time\":");
  private static final byte[] REUSED = bytes(",\"upstream_reused\":");
  private static final byte[] UPSTREAM_ADDR = bytes(",\"upstream_addr\":");
  private static final byte[] UPSTREAM_NAME = bytes(",\"upstream_name\":");
  private static final byte[] UPSTREAM_STATUS = bytes(",\"upstream_status\":");
  private static final byte[] LISTENER = bytes(",\"listener\":");
  private static final byte[] TRUE = bytes("true");
  private static final byte[] FALSE = bytes("false");

  private final LogClock clock;

  JsonFormat(LogClock clock) {
    this.clock = clock;
  }

  @Override
  public void append(AccessRecord r, LineBuffer out) {
    out.append(TIME);
    clock.iso(r.endedAtMillis(), out);
    out.append(REMOTE_ADDR).json(r.remoteAddr())
        .append(REMOTE_USER).json(RemoteUser.of(r.authorization()))
        .append(REQUEST);
    if (r.method() == null) {
      out.append(LineBuffer.NULL);
    } else {
      out.json(r.method(), r.uri(), r.protocol());
    }
    out.append(METHOD).json(r.method())
        .append(URI).json(r.uri())
        .append(PROTOCOL).json(r.protocol())
        .append(STATUS).append(r.status())
        .append(BODY_BYTES).append(r.bodyBytes())
        .append(REFERER).json(r.referer())
        .append(USER_AGENT).json(r.userAgent())
        .append(REQUEST_TIME);
    seconds(r.requestNanos(), out);
    out.append(CONNECT_TIME);
    seconds(r.reused() == AccessRecord.FRESH ? r.connectNanos() : -1, out);
    out.append(RESPONSE_TIME);
    seconds(r.upstreamNanos(), out);
    out.append(REUSED);
    out.append(r.reused() == AccessRecord.NO_UPSTREAM ? LineBuffer.NULL : r.reused() == AccessRecord.REUSED ? TRUE : FALSE);
    out.append(UPSTREAM_ADDR).json(r.upstreamAddr())
        .append(UPSTREAM_NAME).json(r.upstreamName())
        .append(UPSTREAM_STATUS);
    if (r.upstreamStatus() > 0) {
      out.append(r.upstreamStatus());
    } else {
      out.append(LineBuffer.NULL);
    }
    out.append(LISTENER).json(r.listener()).append('}').append('\n');
  }

  private static void seconds(long nanos, LineBuffer out) {
    if (nanos < 0) {
      out.append(LineBuffer.NULL);
    } else {
      out.seconds(nanos);
    }
  }

  private static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }
}
