package io.holdfast.listener.h2;

import io.holdfast.listener.framing.SocketStall;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2LocalFlowController;
import io.netty.handler.codec.http2.Http2Stream;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one HTTP/2 client connection's frames show, for the client timeouts and the h2→h1 translation: which
 * streams carry a request body and when their last DATA frame came, whether a frame (a header block above
 * all) has begun to arrive and not completed, whether a response is stuck behind a closed flow-control window,
 * whether a stream's HEADERS ended it. Netty's frame listener is wrapped ({@link FrameWatch}, one call per frame) and a
 * handler before it notes each socket read; the listener's sweep reads the rest. Event-loop confined.
 */
public final class H2Wire {

  private static final String READ_CLOCK = "holdfastH2Reads";

  private final ChannelHandlerContext ctx;
  private final Http2ConnectionHandler handler;
  private final Map<Integer, StreamWatch> streams = new HashMap<>();
  /** A read began a frame that has not completed since (a frame event clears it). */
  private boolean partial;
  private long partialSince;
  private int lastHeadersStream;
  private boolean lastHeadersEnded;
  private final SocketStall stall;
  private io.vertx.core.Handler<String> refusals = reason -> { };

  private H2Wire(ChannelHandlerContext ctx, Http2ConnectionHandler handler) {
    this.ctx = ctx;
    this.handler = handler;
    this.stall = new SocketStall(ctx.channel());
  }

  /**
   * Watches {@code connection} when it is an HTTP/2 one, from its client's SETTINGS on (Vert.x hands the
   * connection over then); null for HTTP/1.x, or when Vert.x's internals are not what this expects.
   */
  public static H2Wire install(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)
        || !(base.channelHandlerContext().handler() instanceof Http2ConnectionHandler handler)) {
      return null;
    }
    ChannelHandlerContext ctx = base.channelHandlerContext();
    H2Wire wire = new H2Wire(ctx, handler);
    handler.decoder().frameListener(new FrameWatch(wire, handler.decoder().frameListener()));
    handler.connection().addListener(new Http2ConnectionAdapter() {
      @Override
      public void onStreamClosed(Http2Stream stream) {
        wire.streams.remove(stream.id());
      }
    });
    if (ctx.pipeline().get(READ_CLOCK) == null) {
      ctx.pipeline().addBefore(ctx.name(), READ_CLOCK, wire.new ReadClock());
    }
    return wire;
  }

  /** Called with the reason whenever a stream's request is refused as malformed (for the log). */
  public void onRefusal(io.vertx.core.Handler<String> handler) {
    this.refusals = handler;
  }

  /** Whether the request of {@code streamId}, whose HEADERS were just read, has a body (no END_STREAM on them). */
  public boolean hasBody(int streamId) {
    return !(streamId == lastHeadersStream && lastHeadersEnded);
  }

  /** Ties a stream to its response, so a stuck response can be seen. */
  public void attach(int streamId, HttpServerResponse response) {
    StreamWatch stream = streams.get(streamId);
    if (stream != null) {
      stream.response = response;
    }
  }

  /** Since when a frame begun on the wire has not completed; 0 when none is pending. */
  public long partialFrameSince() {
    return partial ? partialSince : 0;
  }

  /** As {@code ClientWire.sendStalledSince}: the socket itself is full and nothing moved since the last look. */
  public long sendStalledSince(long now) {
    return stall.since(now);
  }

  /**
   * Streams past a client timeout at {@code now}: a request body with no DATA for {@code bodyTimeoutNanos} while
   * the client was allowed to send (its window open), or a response that has not moved for
   * {@code sendTimeoutNanos} behind the client's window. The connection and its other streams go on.
   */
  public List<StreamCut> expiredStreams(long now, long bodyTimeoutNanos, long sendTimeoutNanos) {
    List<StreamCut> cuts = null;
    Http2LocalFlowController flow = handler.decoder().flowController();
    int connectionWindow = flow.windowSize(handler.connection().connectionStream());
    for (StreamWatch stream : streams.values()) {
      if (stream.bodyOpen) {
        Http2Stream netty = handler.connection().stream(stream.id);
        if (netty == null || connectionWindow <= 0 || flow.windowSize(netty) <= 0) {
          // Holdfast is not taking the body (the upstream is slower): the wait is not the client's.
          stream.lastDataAt = now;
        } else if (now - stream.lastDataAt >= bodyTimeoutNanos) {
          cuts = add(cuts, new StreamCut(stream.id, stream.response, StreamCut.Kind.BODY));
          continue;
        }
      }
      long stalled = stream.sendStalledSince(now);
      if (stalled != 0 && now - stalled >= sendTimeoutNanos) {
        cuts = add(cuts, new StreamCut(stream.id, stream.response, StreamCut.Kind.SEND));
      }
    }
    return cuts == null ? List.of() : cuts;
  }

  /** Resets one stream with {@code error} (RST_STREAM); the request and response see the stream close. */
  public void reset(int streamId, Http2Error error) {
    handler.resetStream(ctx, streamId, error.code(), ctx.newPromise());
    ctx.flush();
  }

  /**
   * Ends the connection now: GOAWAY with {@code error} and the last stream it took, then the close, not
   * waiting for open streams nor for a client that does not read.
   */
  public void close(Http2Error error) {
    if (ctx.channel().isActive()) {
      handler.goAway(ctx, handler.connection().remote().lastStreamCreated(), error.code(), Unpooled.EMPTY_BUFFER,
          ctx.newPromise());
      ctx.flush();
      ctx.close();
    }
  }

  private static List<StreamCut> add(List<StreamCut> cuts, StreamCut cut) {
    List<StreamCut> list = cuts == null ? new ArrayList<>() : cuts;
    list.add(cut);
    return list;
  }

  /** A whole frame was read: no frame is pending. */
  void frameRead() {
    partial = false;
  }

  /**
   * A request's or trailer's HEADERS were read whole on {@code streamId}; a new stream's request is checked
   * first and refused as a stream error when malformed.
   */
  void headersRead(int streamId, Http2Headers headers, boolean endOfStream) throws Http2Exception {
    partial = false;
    StreamWatch stream = streams.get(streamId);
    if (stream == null) {
      String malformed = H2Requests.malformed(headers);
      if (malformed != null) {
        refusals.handle(malformed);
        throw Http2Exception.streamError(streamId, Http2Error.PROTOCOL_ERROR, "malformed request: %s", malformed);
      }
      streams.put(streamId, new StreamWatch(streamId, !endOfStream, System.nanoTime()));
    } else if (endOfStream) {
      stream.bodyOpen = false;
    }
    lastHeadersStream = streamId;
    lastHeadersEnded = endOfStream;
  }

  /** A DATA frame was read on {@code streamId}. */
  void dataRead(int streamId, boolean endOfStream) {
    partial = false;
    StreamWatch stream = streams.get(streamId);
    if (stream != null) {
      stream.lastDataAt = System.nanoTime();
      stream.bodyOpen &= !endOfStream;
    }
  }

  /** Notes each socket read before the HTTP/2 handler decodes it: a read that completes no frame leaves one pending. */
  private final class ReadClock extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext readCtx, Object msg) {
      if (!partial && msg instanceof ByteBuf buf && buf.isReadable()) {
        partial = true;
        partialSince = System.nanoTime();
      }
      readCtx.fireChannelRead(msg);
    }
  }
}
