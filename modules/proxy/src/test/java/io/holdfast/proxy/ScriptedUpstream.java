package io.holdfast.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.util.function.BiConsumer;

/**
 * A raw upstream for byte-exact responses: each bodiless request head is handed, with its socket, to a
 * script that writes whatever bytes the test needs.
 */
final class ScriptedUpstream {

  private ScriptedUpstream() {
  }

  static Handler<NetSocket> answering(BiConsumer<String, NetSocket> script) {
    return socket -> {
      RecordParser heads = RecordParser.newDelimited("\r\n\r\n", (Buffer head) -> script.accept(head.toString(), socket));
      socket.handler(heads);
    };
  }

  /** The request target of a request head: "GET /x HTTP/1.1..." gives "/x". */
  static String path(String head) {
    int start = head.indexOf(' ') + 1;
    return head.substring(start, head.indexOf(' ', start));
  }
}
