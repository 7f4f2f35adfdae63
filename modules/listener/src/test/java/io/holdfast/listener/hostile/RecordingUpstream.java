package io.holdfast.listener.hostile;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upstream that parses as little as possible, so it cannot hide what the proxy sent: it keeps every
 * byte it receives and answers each complete request with a fixed 200 framed by Content-Length. The raw
 * bytes are what shows whether a second, smuggled request reached it.
 */
final class RecordingUpstream {

  private static final Pattern CONTENT_LENGTH = Pattern.compile("\ncontent-length: *(\\d+)");
  private static final Buffer OK = Buffer.buffer("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nupstream\n");

  private final StringBuffer raw = new StringBuffer();
  private final AtomicInteger requests = new AtomicInteger();
  private NetServer server;

  static RecordingUpstream start(Vertx vertx) {
    RecordingUpstream upstream = new RecordingUpstream();
    upstream.server = vertx.createNetServer().connectHandler(upstream::serve).listen(0, "127.0.0.1").await();
    return upstream;
  }

  private void serve(NetSocket socket) {
    StringBuilder seen = new StringBuilder();
    int[] next = {0};
    socket.handler(bytes -> {
      String text = bytes.toString(StandardCharsets.ISO_8859_1);
      raw.append(text);
      seen.append(text);
      for (int end = requestEnd(seen, next[0]); end > 0; end = requestEnd(seen, next[0])) {
        next[0] = end;
        requests.incrementAndGet();
        socket.write(OK);
      }
    });
  }

  /**
   * Where the request starting at {@code from} ends, or -1 while incomplete. Just enough framing for what
   * a proxy sends: a body by Content-Length, or chunked up to its last chunk (no trailers, no extensions).
   */
  private static int requestEnd(StringBuilder seen, int from) {
    int headEnd = seen.indexOf("\r\n\r\n", from);
    if (headEnd < 0) {
      return -1;
    }
    String head = seen.substring(from, headEnd).toLowerCase(Locale.ROOT);
    int bodyStart = headEnd + 4;
    Matcher length = CONTENT_LENGTH.matcher(head);
    if (length.find()) {
      int end = bodyStart + Integer.parseInt(length.group(1));
      return end <= seen.length() ? end : -1;
    }
    if (head.contains("\ntransfer-encoding: chunked")) {
      int last = seen.indexOf("\r\n0\r\n\r\n", bodyStart - 2);
      return last < 0 ? -1 : last + 7;
    }
    return bodyStart;
  }

  int port() {
    return server.actualPort();
  }

  /** Request heads received so far, over every connection. */
  int requests() {
    return requests.get();
  }

  /** Everything received so far, over every connection, as ISO-8859-1 text. */
  String raw() {
    return raw.toString();
  }
}
