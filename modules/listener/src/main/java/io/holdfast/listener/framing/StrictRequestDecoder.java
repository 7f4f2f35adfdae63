package io.holdfast.listener.framing;

import io.holdfast.proxy.UpgradeRequests;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.List;

/**
 * Vert.x's request decoder plus {@link RequestValidator}, run when a head is complete and before the body
 * is framed. It has to sit in the decoder: by the time Vert.x hands over the request, Netty has already
 * dropped a Content-Length that came with Transfer-Encoding, and merged repeated lines. A refused head
 * reaches the server's invalid-request handler, never the proxy.
 *
 * <p>It also keeps the connection's {@link ClientWire}: when a head's first byte arrives, when a body is
 * read, and where requests begin and end ({@link MessageBoundaries}). A body whose framing breaks is not
 * passed on to Vert.x (which would close without an answer) but to the wire's handler, which can still
 * answer 400.
 *
 * <p>After a request that asks to switch protocols ({@link UpgradeRequests}), whatever follows its message is
 * handed to the wire to hold instead of being decoded as a next request: those are the new protocol's bytes
 * when the upstream switches, and the wire gives them to the tunnel. On a listener that accepts h2c with prior
 * knowledge, a connection that opens with {@link PriorKnowledgePreface} is handed to HTTP/2 instead.
 */
public final class StrictRequestDecoder extends VertxHttpRequestDecoder {

  /** The handler name Vert.x 5.0 gives its HTTP/1.x request decoder. */
  static final String DECODER_NAME = "httpDecoder";

  /** The target of the stand-in request for a request line that could not be read. */
  static final String STAND_IN_URI = "/bad-request";

  private static final AsciiString HOST = AsciiString.cached("host");
  private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("transfer-encoding");

  private int hostLines;
  private int transferEncodingLines;
  private ClientWire wire;

  private StrictRequestDecoder(HttpServerOptions options) {
    super(options);
  }

  /**
   * Swaps Vert.x's decoder for this one on a freshly accepted {@code connection}. Vert.x calls the
   * connection handler while it builds the pipeline, before any byte is decoded, so nothing is lost in the
   * swap. Not with Vert.x's h2c on: Vert.x then decodes the first request with its own decoder before it calls
   * the handler (Holdfast accepts h2c with prior knowledge itself: {@link ClientWire#onPriorKnowledge}). Null
   * when it cannot install (h2c on, or a connection of a kind this does not know): the connection keeps
   * Netty's rules alone.
   */
  public static ClientWire install(HttpConnection connection, HttpServerOptions options) {
    if (options.isHttp2ClearTextEnabled() || !(connection instanceof ConnectionBase base)) {
      return null;
    }
    ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
    if (!(pipeline.get(DECODER_NAME) instanceof VertxHttpRequestDecoder)) {
      return null;
    }
    StrictRequestDecoder decoder = new StrictRequestDecoder(options);
    pipeline.replace(DECODER_NAME, DECODER_NAME, decoder);
    decoder.wire = new ClientWire(pipeline.context(decoder), System.nanoTime());
    return decoder.wire;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    ClientWire w = wire;
    w.lastReadAt = System.nanoTime();
    super.channelRead(ctx, msg);
    Throwable broken = w.brokenBody;
    if (broken != null) {
      // Only now: whatever the read decoded before the break has reached Vert.x.
      w.brokenBody = null;
      w.brokenBodyHandler.handle(broken);
    }
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
    ClientWire w = wire;
    if (w.holding) {
      hold(ctx, w, buffer);
      return;
    }
    if (!w.inBody && !w.headStarted && buffer.isReadable()) {
      w.headStarted = true;
      w.headStartedAt = w.lastReadAt;
    }
    if (w.priorKnowledge != null) {
      int matched = PriorKnowledgePreface.match(buffer);
      if (matched == PriorKnowledgePreface.WHOLE) {
        // The bytes stay in this decoder's buffer; removing it passes them to the HTTP/2 handler.
        Handler<Void> toHttp2 = w.priorKnowledge;
        w.priorKnowledge = null;
        toHttp2.handle(null);
        ctx.pipeline().remove(this);
        return;
      }
      if (matched >= 0) {
        return;
      }
      w.priorKnowledge = null;
    }
    int from = out.size();
    super.decode(ctx, buffer, out);
    MessageBoundaries.track(w, out, from);
  }

  /** The input ended (the client closed or half-closed): Netty adds a stand-in for a head cut short. */
  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (wire.holding) {
      hold(ctx, wire, in);
      return;
    }
    super.decodeLast(ctx, in, out);
    int last = out.size() - 1;
    if (last >= 0 && out.get(last) instanceof HttpMessage head
        && head.decoderResult().cause() instanceof PrematureChannelClosureException) {
      // The client closed mid-head: nobody is left to answer, and it is no refusal to log.
      out.remove(last);
      ReferenceCountUtil.release(head);
    }
  }

  private static void hold(ChannelHandlerContext ctx, ClientWire w, ByteBuf buffer) {
    w.hold(buffer);
    if (w.held != null && w.held.readableBytes() > ClientWire.MAX_HELD) {
      // Reading stopped long before this much; a client that still got it in is not waiting for an answer.
      w.discardHeld();
      ctx.close();
    }
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
    return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, STAND_IN_URI, Unpooled.EMPTY_BUFFER);
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
