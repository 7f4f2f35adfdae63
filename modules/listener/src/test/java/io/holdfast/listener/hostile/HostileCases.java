package io.holdfast.listener.hostile;

import java.util.stream.Stream;

import static io.holdfast.listener.hostile.HostileCase.refused;

/** The catalogue of issue 7: each request hides {@code GET /smuggled} behind framing that is in doubt. */
final class HostileCases {

  static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n";

  private HostileCases() {
  }

  static Stream<HostileCase> all() {
    String big = "a".repeat(9000);
    return Stream.of(
        refused("TE chunked with CL", 400, post("Content-Length: 4", "Transfer-Encoding: chunked") + "0\r\n\r\n" + SMUGGLED),
        refused("CL with TE chunked", 400, post("Transfer-Encoding: chunked", "Content-Length: 40") + "0\r\n\r\n" + SMUGGLED),
        refused("two different CLs", 400, post("Content-Length: 0", "Content-Length: 35") + SMUGGLED),
        refused("two equal CLs", 400, post("Content-Length: 35", "Content-Length: 35") + SMUGGLED),
        refused("CL list", 400, post("Content-Length: 35, 35") + SMUGGLED),
        refused("CL negative", 400, post("Content-Length: -1") + SMUGGLED),
        refused("CL plus sign", 400, post("Content-Length: +35") + SMUGGLED),
        refused("CL hex", 400, post("Content-Length: 0x23") + SMUGGLED),
        refused("CL trailing garbage", 400, post("Content-Length: 35abc") + SMUGGLED),
        refused("CL leading garbage", 400, post("Content-Length: x35") + SMUGGLED),
        refused("CL inner space", 400, post("Content-Length: 3 5") + SMUGGLED),
        refused("CL overflow", 400, post("Content-Length: 99999999999999999999") + SMUGGLED),
        refused("space before colon in CL", 400, post("Content-Length : 35") + SMUGGLED),
        refused("space before colon in TE", 400, post("Transfer-Encoding : chunked") + "0\r\n\r\n" + SMUGGLED),
        refused("TE xchunked", 501, post("Transfer-Encoding: xchunked") + "0\r\n\r\n" + SMUGGLED),
        refused("TE gzip, chunked", 501, post("Transfer-Encoding: gzip, chunked") + "0\r\n\r\n" + SMUGGLED),
        refused("TE chunked, identity", 501, post("Transfer-Encoding: chunked, identity") + "0\r\n\r\n" + SMUGGLED),
        refused("TE chunked twice", 400, post("Transfer-Encoding: chunked", "Transfer-Encoding: chunked")
            + "0\r\n\r\n" + SMUGGLED),
        refused("TE identity", 501, post("Transfer-Encoding: identity") + SMUGGLED),
        refused("TE on HTTP/1.0", 400, "POST / HTTP/1.0\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            + SMUGGLED),
        refused("obs-fold continuing TE", 501, post("Transfer-Encoding: identity", " chunked") + "0\r\n\r\n" + SMUGGLED),
        refused("header line starting with a space", 400, "GET / HTTP/1.1\r\n Host: t\r\nContent-Length: 35\r\n\r\n"
            + SMUGGLED),
        refused("NUL in a header value", 400, post("Content-Length: 35", "X-A: a\0b") + SMUGGLED),
        refused("bare CR in a header value", 400, post("Content-Length: 35", "X-A: a\rb") + SMUGGLED),
        refused("missing Host on HTTP/1.1", 400, "GET / HTTP/1.1\r\nContent-Length: 35\r\n\r\n" + SMUGGLED),
        refused("two Hosts", 400, "GET / HTTP/1.1\r\nHost: t\r\nHost: u\r\nContent-Length: 35\r\n\r\n" + SMUGGLED),
        refused("oversize header block", 431, post("Content-Length: 35", "X-Big: " + big) + SMUGGLED),
        refused("oversize URI", 414, "GET /" + big + " HTTP/1.1\r\nHost: t\r\n\r\n" + SMUGGLED),
        new HostileCase("bad chunk size", post("Transfer-Encoding: chunked") + "zz\r\nhello\r\n0\r\n\r\n" + SMUGGLED, 400, 1),
        new HostileCase("chunk extension abuse", post("Transfer-Encoding: chunked") + "5;" + "x=y;".repeat(4000)
            + "\r\nhello\r\n0\r\n\r\n" + SMUGGLED, 400, 1),
        new HostileCase("bare LF inside chunked framing", post("Transfer-Encoding: chunked") + "5\nhello\n0\n\n"
            + SMUGGLED, 400, 1),
        refused("bare LF line endings with CL", 400, "POST / HTTP/1.1\nHost: t\nContent-Length: 35\n\n" + SMUGGLED));
  }

  private static String post(String... headers) {
    StringBuilder sb = new StringBuilder("POST / HTTP/1.1\r\nHost: t\r\n");
    for (String header : headers) {
      sb.append(header).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }
}
