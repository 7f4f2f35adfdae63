package io.holdfast.accesslog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The writer thread's output bytes: lines are appended as ASCII straight into one reused array, escaped as
 * nginx escapes log values, so a line costs no String and no encoder. Strings hold request bytes as chars
 * 0–255 (how Netty decodes a head); a char above 255 (not from the wire) is written as its UTF-8 bytes,
 * each escaped. Not thread-safe: the writer's alone.
 */
final class LineBuffer {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int length;

  LineBuffer(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  int length() {
    return length;
  }

  void clear() {
    length = 0;
  }

  /** The bytes appended so far, for one write. */
  ByteBuffer view() {
    return ByteBuffer.wrap(bytes, 0, length);
  }

  LineBuffer append(char ascii) {
    ensure(1);
    bytes[length++] = (byte) ascii;
    return this;
  }

  /** Bytes known to be printable ASCII (constants, cached times). */
  LineBuffer append(byte[] ascii) {
    ensure(ascii.length);
    System.arraycopy(ascii, 0, bytes, length, ascii.length);
    length += ascii.length;
    return this;
  }

  LineBuffer append(long value) {
    if (value < 0) {
      append('-');
      if (value == Long.MIN_VALUE) {
        return append(Long.toString(value).substring(1).getBytes(StandardCharsets.US_ASCII));
      }
      value = -value;
    }
    ensure(20);
    int start = length;
    do {
      bytes[length++] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value > 0);
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte swap = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = swap;
    }
    return this;
  }

  /** Nanoseconds as seconds with three decimals, rounded to the millisecond: {@code 0.012}. */
  LineBuffer seconds(long nanos) {
    long millis = (nanos + 500_000) / 1_000_000;
    append(millis / 1000).append('.');
    long fraction = millis % 1000;
    return append((char) ('0' + fraction / 100)).append((char) ('0' + fraction / 10 % 10))
        .append((char) ('0' + fraction % 10));
  }

  /**
   * nginx's default log escaping ({@code ngx_http_log_escape}): {@code "} as {@code \x22}, {@code \} as
   * {@code \x5C}, and every byte below 32 or above 126 as {@code \xHH}, so a line is always printable ASCII
   * and a quoted field can always be found again.
   */
  LineBuffer escaped(String value) {
    ensure(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') {
        ensure(1);
        bytes[length++] = (byte) c;
      } else if (c <= 0xFF) {
        hexEscape(c);
      } else {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          hexEscape(b & 0xFF);
        }
      }
    }
    return this;
  }

  /**
   * {@code value} as a JSON string, quotes included, ASCII only: {@code "} {@code \} and control characters
   * escaped as JSON requires (as nginx's {@code escape=json}), and every byte above 126 as {@code \}{@code u00HH}
   * — one code point per received byte — so the line is valid JSON whatever the client sent. Null is
   * {@code null}.
   */
  LineBuffer json(String value) {
    if (value == null) {
      return append(NULL);
    }
    return append('"').jsonBody(value).append('"');
  }

  /** {@code "first second third"} as one JSON string: the request line without building it. */
  LineBuffer json(String first, String second, String third) {
    return append('"').jsonBody(first).append(' ').jsonBody(second).append(' ').jsonBody(third).append('"');
  }

  private LineBuffer jsonBody(String value) {
    ensure(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') {
        ensure(1);
        bytes[length++] = (byte) c;
      } else if (c == '"' || c == '\\') {
        append('\\').append(c);
      } else if (c == '\n') {
        append('\\').append('n');
      } else if (c == '\r') {
        append('\\').append('r');
      } else if (c == '\t') {
        append('\\').append('t');
      } else if (c <= 0xFF) {
        unicodeEscape(c);
      } else {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          unicodeEscape(b & 0xFF);
        }
      }
    }
    return this;
  }

  static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private void hexEscape(int b) {
    ensure(4);
    bytes[length++] = '\\';
    bytes[length++] = 'x';
    bytes[length++] = HEX[b >> 4];
    bytes[length++] = HEX[b & 0xF];
  }

  private void unicodeEscape(int b) {
    ensure(6);
    bytes[length++] = '\\';
    bytes[length++] = 'u';
    bytes[length++] = '0';
    bytes[length++] = '0';
    bytes[length++] = HEX_LOWER[b >> 4];
    bytes[length++] = HEX_LOWER[b & 0xF];
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      byte[] grown = new byte[Math.max(bytes.length * 2, length + more)];
      System.arraycopy(bytes, 0, grown, 0, length);
      bytes = grown;
    }
  }
}
