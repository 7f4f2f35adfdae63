package io.holdfast.listener.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare h2c client over a socket that writes whatever frames a test asks for, valid or not (headers are
 * HPACK-encoded without validation, so CR/LF, uppercase names or connection headers go out as given), and
 * reads frames back one by one. SETTINGS from the server are acknowledged as they are read.
 */
final class RawH2 implements AutoCloseable {

  static final int DATA = 0;
  static final int HEADERS = 1;
  static final int RST_STREAM = 3;
  static final int SETTINGS = 4;
  static final int PING = 6;
  static final int GOAWAY = 7;
  static final int WINDOW_UPDATE = 8;
  static final int CONTINUATION = 9;
  static final int END_STREAM = 0x1;
  static final int END_HEADERS = 0x4;

  /** One frame as read; {@code headers} is decoded for HEADERS frames. */
  record Frame(int type, int flags, int stream, byte[] payload, Http2Headers headers) {
    long errorCode() {
      int at = type == GOAWAY ? 4 : 0;
      return ((payload[at] & 0xffL) << 24) | ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8) | (payload[at + 3] & 0xff);
    }

    int lastStreamId() {
      return ((payload[0] & 0x7f) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
    }

    boolean endStream() {
      return (flags & END_STREAM) != 0;
    }

    String status() {
      return headers == null ? null : String.valueOf(headers.status());
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final Http2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder(Http2HeadersEncoder.NEVER_SENSITIVE, true);
  private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);

  private RawH2(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** Connects, sends the preface and an empty SETTINGS. */
  static RawH2 connect(int port) throws IOException {
    return connect(port, new byte[0]);
  }

  /** Connects, sends the preface and SETTINGS with {@code settings} (6-byte entries, see {@link #setting}). */
  static RawH2 connect(int port, byte[] settings) throws IOException {
    RawH2 client = new RawH2(new Socket("127.0.0.1", port));
    client.socket.setSoTimeout(5000);
    client.raw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    client.frame(SETTINGS, 0, 0, settings);
    return client;
  }

  /** One SETTINGS entry: {@code id} (4: INITIAL_WINDOW_SIZE) and its value. */
  static byte[] setting(int id, int value) {
    return new byte[] {(byte) (id >>> 8), (byte) id, (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
        (byte) value};
  }

  /** Request headers for {@code method path} on localhost, validated by nobody; add more with {@code add}. */
  static Http2Headers request(String method, String path) {
    return new DefaultHttp2Headers(false).method(method).path(path).scheme("http").authority("localhost");
  }

  void headers(int stream, Http2Headers headers, boolean endStream) throws IOException {
    frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), stream, block(stream, headers));
  }

  /** The encoded header block of {@code headers}, for HEADERS and CONTINUATION frames written by hand. */
  byte[] block(int stream, Http2Headers headers) throws IOException {
    ByteBuf buf = Unpooled.buffer();
    try {
      encoder.encodeHeaders(stream, headers, buf);
    } catch (io.netty.handler.codec.http2.Http2Exception e) {
      throw new IOException(e);
    }
    byte[] bytes = new byte[buf.readableBytes()];
    buf.readBytes(bytes);
    return bytes;
  }

  void data(int stream, byte[] bytes, boolean endStream) throws IOException {
    frame(DATA, endStream ? END_STREAM : 0, stream, bytes);
  }

  void frame(int type, int flags, int stream, byte[] payload) throws IOException {
    byte[] head = {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length, (byte) type,
        (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream};
    out.write(head);
    out.write(payload);
    out.flush();
  }

  void raw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next frame other than SETTINGS, WINDOW_UPDATE and PING (acknowledged or skipped); null when the connection closed. */
  Frame next() throws IOException {
    while (true) {
      Frame frame = read();
      if (frame == null || frame.type != SETTINGS && frame.type != WINDOW_UPDATE && frame.type != PING) {
        return frame;
      }
      if (frame.type == SETTINGS && (frame.flags & 1) == 0) {
        frame(SETTINGS, 1, 0, new byte[0]);
      }
    }
  }

  /** The next frame of {@code type}, skipping others; null when the connection closed first. */
  Frame next(int type) throws IOException {
    for (Frame frame = next(); frame != null; frame = next()) {
      if (frame.type == type) {
        return frame;
      }
    }
    return null;
  }

  /** Frames until the connection closes (EOF or reset), within the socket timeout; true when it did close. */
  boolean closes() throws IOException {
    try {
      while (next() != null) {
        // drain
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  void timeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  private Frame read() throws IOException {
    byte[] head = new byte[9];
    try {
      in.readFully(head);
    } catch (EOFException | java.net.SocketException e) {
      return null;
    }
    int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
    int stream = ((head[5] & 0x7f) << 24) | ((head[6] & 0xff) << 16) | ((head[7] & 0xff) << 8) | (head[8] & 0xff);
    byte[] payload = new byte[length];
    in.readFully(payload);
    Http2Headers headers = null;
    if (head[3] == HEADERS) {
      int from = 0;
      int to = payload.length;
      if ((head[4] & 0x8) != 0) {
        to -= payload[0] & 0xff;
        from = 1;
      }
      if ((head[4] & 0x20) != 0) {
        from += 5;
      }
      try {
        headers = decoder.decodeHeaders(stream, Unpooled.wrappedBuffer(payload, from, to - from));
      } catch (io.netty.handler.codec.http2.Http2Exception e) {
        throw new IOException("flags " + head[4] + " " + java.util.HexFormat.of().formatHex(payload), e);
      }
    }
    return new Frame(head[3], head[4] & 0xff, stream, payload, headers);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
