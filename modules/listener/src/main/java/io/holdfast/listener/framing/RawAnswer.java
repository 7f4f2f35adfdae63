package io.holdfast.listener.framing;

import java.nio.charset.StandardCharsets;

/**
 * The answers Holdfast writes itself when Vert.x has no request to answer through: a head that never
 * completed, or a request cut off mid-body. Always HTTP/1.1 with {@code Connection: close}; the bytes are
 * built once.
 */
public enum RawAnswer {

  BAD_REQUEST(400, "Bad Request"),
  REQUEST_TIMEOUT(408, "Request Timeout");

  private final int status;
  private final String phrase;
  private final int bodyLength;
  private final byte[] bytes;

  RawAnswer(int status, String phrase) {
    this.status = status;
    this.phrase = phrase;
    this.bodyLength = (status + " " + phrase + "\n").length();
    this.bytes = render(null);
  }

  private byte[] render(String hsts) {
    String body = status + " " + phrase + "\n";
    return ("HTTP/1.1 " + status + " " + phrase + "\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: " + body.length() + "\r\n"
        + (hsts == null ? "" : "Strict-Transport-Security: " + hsts + "\r\n")
        + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
  }

  public int status() {
    return status;
  }

  /** Bytes of the body after the head: the access log's {@code $body_bytes_sent}. */
  public int bodyLength() {
    return bodyLength;
  }

  /** Shared: wrap, never write into. */
  byte[] bytes() {
    return bytes;
  }

  /** With the listener's {@code Strict-Transport-Security} value (null: none); rare, so built on demand. */
  byte[] bytes(String hsts) {
    return hsts == null ? bytes : render(hsts);
  }
}
