package io.holdfast.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Byte-exact HTTP for tests: writes a request as given and reads one reply: by Content-Length, to the
 * end of a chunked body, or until the server closes.
 */
final class RawHttp {

  private RawHttp() {
  }

  static String exchange(int port, String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return readReply(socket.getInputStream());
    }
  }

  static String readReply(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (!out.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return out.toString(StandardCharsets.ISO_8859_1);
      }
      out.write(b);
    }
    String head = head(out.toString(StandardCharsets.ISO_8859_1));
    int at = head.indexOf("content-length:");
    if (at >= 0) {
      int end = head.indexOf("\r\n", at);
      int length = Integer.parseInt(head.substring(at + 15, end < 0 ? head.length() : end).trim());
      out.write(in.readNBytes(length));
    } else if (head.contains("transfer-encoding: chunked")) {
      while (!out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        out.write(b);
      }
    } else {
      in.transferTo(out);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** The header block of a raw reply, lower-cased, for header presence checks. */
  static String head(String reply) {
    int end = reply.indexOf("\r\n\r\n");
    return (end < 0 ? reply : reply.substring(0, end)).toLowerCase();
  }
}
