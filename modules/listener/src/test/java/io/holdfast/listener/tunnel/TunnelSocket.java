package io.holdfast.listener.tunnel;

import io.holdfast.listener.RawClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A plain socket that sends an upgrade request (and whatever else), reads the answer's head, then raw bytes. */
final class TunnelSocket implements AutoCloseable {

  private final RawClient client;
  private final InputStream in;

  private TunnelSocket(RawClient client) {
    this.client = client;
    this.in = client.input();
  }

  static TunnelSocket connect(int port) throws IOException {
    return new TunnelSocket(RawClient.connect(port));
  }

  /** An upgrade request head to {@code path} asking for protocol {@code echo}, plus {@code extra} header lines. */
  static String upgrade(String path, String... extra) {
    StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: test\r\nConnection: Upgrade\r\n"
        + "Upgrade: echo\r\n");
    for (String line : extra) {
      head.append(line).append("\r\n");
    }
    return head.append("\r\n").toString();
  }

  TunnelSocket send(String text) throws IOException {
    client.send(text);
    return this;
  }

  /** The head of the answer, up to and without its blank line. */
  String head() throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head);
      }
      head.append((char) b);
    }
    return head.substring(0, head.length() - 4);
  }

  /** Exactly {@code length} bytes, as text. */
  String read(int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new IOException("closed after " + bytes.length + " of " + length + " bytes");
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** Sends {@code text} and reads back as many bytes: the echo. */
  String echo(String text) throws IOException {
    return send(text).read(text.length());
  }

  /** True when the other side closed before {@code timeoutMillis}. */
  boolean closedWithin(int timeoutMillis) throws IOException {
    return client.closedWithin(timeoutMillis);
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
