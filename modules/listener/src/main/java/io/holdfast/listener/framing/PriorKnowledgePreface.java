package io.holdfast.listener.framing;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The HTTP/2 connection preface (RFC 9113 §3.4) that an h2c client with prior knowledge opens with instead of
 * a request line. Matched on a connection's first bytes, before any HTTP/1.x decoding: only the whole preface
 * hands the connection to HTTP/2; a part of it waits for more bytes; a mismatch leaves the connection HTTP/1.x.
 */
final class PriorKnowledgePreface {

  private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** What {@link #match} returns when the buffer holds the whole preface. */
  static final int WHOLE = PREFACE.length;

  private PriorKnowledgePreface() {
  }

  /** How many bytes of the preface {@code buffer} starts with ({@link #WHOLE}: a match), or -1 on a mismatch. */
  static int match(ByteBuf buffer) {
    int n = Math.min(buffer.readableBytes(), PREFACE.length);
    for (int i = 0; i < n; i++) {
      if (buffer.getByte(buffer.readerIndex() + i) != PREFACE[i]) {
        return -1;
      }
    }
    return n;
  }
}
