package io.holdfast.listener.framing;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Vert.x's request decoder plus {@link RequestValidator}, run when a head is complete and before the body
 * is framed. It has to sit in the decoder: by the time Vert.x hands over the request, Netty has already
 * dropped a Content-Length that came with Transfer-Encoding, and merged repeated lines. A refused head
 * reaches the server's invalid-request handler, never the proxy.
 */
public final class StrictRequestDecoder extends VertxHttpRequestDecoder {

  /** The handler name Vert.x 5.0 gives its HTTP/1.x request decoder. */
  static final String DECODER_NAME = "httpDecoder";

  private static final AsciiString HOST = AsciiString.cached("host");
  private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("transfer-encoding");

  private int hostLines;
  private int transferEncodingLines;

  private StrictRequestDecoder(HttpServerOptions options) {
    super(options);
  }

  /**
   * Swaps Vert.x's decoder for this one on a freshly accepted {@code connection}. Vert.x calls the
   * connection handler while it builds the pipeline, before any byte is decoded, so nothing is lost in the
   * swap. Not with h2c on: Vert.x then picks the protocol from the first bytes and only then calls the
   * handler, when the old decoder may hold part of a request. False when it cannot install (h2c on, or a
   * connection of a kind this does not know): the connection keeps Netty's rules alone.
   */
  public static boolean install(HttpConnection connection, HttpServerOptions options) {
    if (options.isHttp2ClearTextEnabled() || !(connection instanceof ConnectionBase base)) {
      return false;
    }
    ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
    if (!(pipeline.get(DECODER_NAME) instanceof VertxHttpRequestDecoder)) {
      return false;
    }
    pipeline.replace(DECODER_NAME, DECODER_NAME, new StrictRequestDecoder(options));
    return true;
  }

  @Override
  protected HttpMessage createMessage(String[] initialLine) {
    hostLines = 0;
    transferEncodingLines = 0;
    return super.createMessage(initialLine);
  }

  /**
   * The stand-in request Netty makes when no request line could be read (too long, a bare LF, garbage).
   * Vert.x answers in the request's version, and Netty's stand-in says HTTP/1.0; an HTTP/1.1 server
   * answers {@code HTTP/1.1} (RFC 9110 §6.2), as nginx and HAProxy do.
   */
  @Override
  protected HttpMessage createInvalidMessage() {
    return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bad-request", Unpooled.EMPTY_BUFFER);
  }

  @Override
  protected AsciiString splitHeaderName(byte[] sb, int start, int length) {
    AsciiString name = super.splitHeaderName(sb, start, length);
    if (length == 4 && HOST.contentEqualsIgnoreCase(name)) {
      hostLines++;
    } else if (length == 17 && TRANSFER_ENCODING.contentEqualsIgnoreCase(name)) {
      transferEncodingLines++;
    }
    return name;
  }

  /** Netty asks this once per head, after the last header line: the one hook that sees the head whole. */
  @Override
  protected boolean isContentAlwaysEmpty(HttpMessage message) {
    if (message != null && message.decoderResult().isSuccess()) {
      Rejection rejection = RequestValidator.check(message, hostLines, transferEncodingLines);
      if (rejection != null) {
        message.setDecoderResult(DecoderResult.failure(rejection.failure()));
      }
    }
    return super.isContentAlwaysEmpty(message);
  }
}
