package io.holdfast.listener.framing;

import io.holdfast.proxy.UpgradeRequests;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.List;

/**
 * Where requests begin and end in what one decode step produced, kept on the connection's {@link ClientWire}
 * for the client timeouts: heads counted, a body in progress or done. A body whose framing broke is taken out
 * of the output — Vert.x would close without an answer; the wire's handler can still answer 400. When a
 * request that asks to switch protocols ({@link UpgradeRequests}) is whole, the wire starts holding what
 * follows instead of letting it be decoded as a next request: those are the new protocol's bytes when the
 * upstream switches.
 */
final class MessageBoundaries {

  private MessageBoundaries() {
  }

  /** Follows heads and bodies through {@code out} from index {@code from} on; a broken body is kept from Vert.x. */
  static void track(ClientWire w, List<Object> out, int from) {
    for (int i = from; i < out.size(); i++) {
      Object decoded = out.get(i);
      if (decoded instanceof HttpMessage head) {
        // A full request (Netty's invalid-head stand-in) is a head too: its failure goes to Vert.x.
        w.heads++;
        w.headStarted = false;
        w.inBody = head.decoderResult().isSuccess() && !(head instanceof LastHttpContent);
        w.upgradeHead = w.inBody && asksUpgrade(head);
      } else if (decoded instanceof HttpContent content) {
        if (!content.decoderResult().isSuccess()) {
          w.brokenBody = content.decoderResult().cause();
          w.inBody = false;
          w.upgradeHead = false;
          out.remove(i--);
          ReferenceCountUtil.release(content);
        } else if (content instanceof LastHttpContent) {
          w.inBody = false;
          // The upgrade request is whole: the next byte is the new protocol's, or a request the answer decides on.
          w.holding = w.upgradeHead;
          w.upgradeHead = false;
        }
      }
    }
  }

  /** Whether {@code head} asks to switch protocols in a way the proxy passes through. */
  private static boolean asksUpgrade(HttpMessage head) {
    if (!(head instanceof HttpRequest request) || !request.headers().contains(HttpHeaderNames.UPGRADE)) {
      return false;
    }
    return UpgradeRequests.tunnelled(request.method().name(), request.protocolVersion() == HttpVersion.HTTP_1_1,
        request.headers().getAll(HttpHeaderNames.CONNECTION), request.headers().get(HttpHeaderNames.UPGRADE),
        request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING));
  }
}
