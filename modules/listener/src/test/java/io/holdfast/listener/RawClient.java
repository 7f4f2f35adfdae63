package io.holdfast.listener;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A byte-exact HTTP/1.x client over a plain socket: what is sent and read is exactly what is on the wire. */
public final class RawClient implements AutoCloseable {

  public record Response(String statusLine, Map<String, String> headers, String body) {

    public int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }

    /** Header value by lower-case name, or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Over a socket already connected (a TLS one, say). */
  public static RawClient over(Socket socket) throws IOException {
    socket.setSoTimeout(5000);
    return new RawClient(socket);
  }

  public static RawClient connect(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5000);
    socket.setTcpNoDelay(true);
    return new RawClient(socket);
  }

  public static String get(String path, String... headers) {
    StringBuilder sb = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: test\r\n");
    for (String header : headers) {
      sb.append(header).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  public RawClient send(String raw) throws IOException {
    out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return this;
  }

  public Response exchange(String raw) throws IOException {
    return send(raw).read();
  }

  /** The raw input, for tests that read at their own pace. */
  public InputStream input() {
    return in;
  }

  /** Reads one response: Content-Length, chunked, or (when neither) until EOF. */
  public Response read() throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("connection closed before a response");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); line != null && !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    String body;
    if (headers.containsKey("content-length")) {
      body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.ISO_8859_1);
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked();
    } else {
      body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    return new Response(statusLine, headers, body);
  }

  /** True when the server closed the connection (EOF or reset) before {@code timeoutMillis}; false if open. */
  public boolean closedWithin(int timeoutMillis) throws IOException {
    int previous = socket.getSoTimeout();
    socket.setSoTimeout(timeoutMillis);
    try {
      int b = in.read();
      if (b != -1) {
        throw new IOException("unexpected byte " + b + " where a close was expected");
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    } finally {
      socket.setSoTimeout(previous);
    }
  }

  /** Milliseconds from now until the server closes, failing after {@code maxMillis}. */
  public long millisUntilClosed(int maxMillis) throws IOException {
    long start = System.nanoTime();
    if (!closedWithin(maxMillis)) {
      throw new AssertionError("still open after " + maxMillis + " ms");
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private String chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      int size = Integer.parseInt(line().split(";")[0].trim(), 16);
      if (size == 0) {
        while (!line().isEmpty()) {
          // trailers
        }
        return body.toString(StandardCharsets.ISO_8859_1);
      }
      body.write(in.readNBytes(size));
      line();
    }
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      sb.append((char) b);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
