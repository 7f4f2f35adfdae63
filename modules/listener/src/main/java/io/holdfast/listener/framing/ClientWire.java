package io.holdfast.listener.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;

/**
 * What one client connection's bytes show, as its {@link StrictRequestDecoder} sees them: whether a request
 * head is arriving and since when, whether a request body is arriving and when the last read was, whether
 * writes to the client are stuck. The decoder writes it on each read (one clock read per socket read); the
 * listener's sweep reads it to enforce the client timeouts, so no request needs a timer of its own.
 *
 * <p>After a request that asks to switch protocols, the bytes that follow it are held here, not decoded:
 * they belong to the new protocol if the upstream answers {@code 101} ({@link #releaseToTunnel}), and are
 * no HTTP to trust if it does not ({@link #endHold}). Reading stops meanwhile, so a client cannot pile them up.
 * Event-loop confined: plain fields.
 */
public final class ClientWire {

  /** The name Vert.x gives the handler that reads a connection (its HTTP connection, then its NetSocket). */
  static final String SOCKET_HANDLER = "handler";
  private static final String HELD_BYTES = "holdfast-held-bytes";
  /** A client may not hold more than this before its upgrade is answered: reading stops well before. */
  static final int MAX_HELD = 1024 * 1024;

  private final ChannelHandlerContext ctx;
  /** Heads decoded so far, refused ones included: tells which request a broken body belongs to. */
  int heads;
  /** Bytes of a request head have arrived and the head is not complete yet. */
  boolean headStarted;
  long headStartedAt;
  /** A head was accepted and its body has not ended on the wire (bodyless requests end at once). */
  boolean inBody;
  long lastReadAt;
  /** A body framing failure seen while decoding, handled once the read is fully passed on. */
  Throwable brokenBody;
  Handler<Throwable> brokenBodyHandler = failure -> { };
  /** Called instead of decoding when the connection opens with the HTTP/2 preface; null: HTTP/1.x only. */
  Handler<Void> priorKnowledge;
  private final SocketStall stall;
  /** The head being read asked to switch protocols: what follows its message is held, not decoded. */
  boolean upgradeHead;
  boolean holding;
  /** Bytes read while holding; null before the first. */
  CompositeByteBuf held;

  ClientWire(ChannelHandlerContext ctx, long now) {
    this.ctx = ctx;
    this.stall = new SocketStall(ctx.channel());
    this.lastReadAt = now;
  }

  /** Called with the failure when a request body's framing breaks; the connection is left to the handler. */
  public void onBrokenBody(Handler<Throwable> handler) {
    this.brokenBodyHandler = handler;
  }

  /**
   * Accepts h2c with prior knowledge: when the connection's first bytes are the HTTP/2 preface, {@code handler}
   * is called (it puts an HTTP/2 handler in the pipeline) and the decoder steps aside, passing on every byte.
   */
  public void onPriorKnowledge(Handler<Void> handler) {
    this.priorKnowledge = handler;
  }

  public int heads() {
    return heads;
  }

  public boolean headStarted() {
    return headStarted;
  }

  /** When the first byte of the head now arriving was read ({@link System#nanoTime()}). */
  public long headStartedAt() {
    return headStartedAt;
  }

  public boolean inBody() {
    return inBody;
  }

  /**
   * Since when the body arriving has made no progress by the client's doing, at {@code now}. A read is
   * progress; so is every moment Holdfast itself is not reading (back-pressure from a slow upstream turns
   * the channel's auto-read off): that wait is never the client's.
   */
  public long bodyStalledSince(long now) {
    if (!ctx.channel().config().isAutoRead()) {
      lastReadAt = now;
    }
    return lastReadAt;
  }

  /**
   * Since when writes to the client have been stuck, at {@code now}, or 0 when they are not: the channel
   * is unwritable (a write is pending that the client does not take) and the pending bytes have not moved
   * since the previous call. A client that reads, however slowly, keeps moving them.
   */
  public long sendStalledSince(long now) {
    return stall.since(now);
  }

  /**
   * Writes {@code answer} straight to the socket, past Vert.x's response encoder, and closes once it is
   * written. Only when nothing of a response to the request it answers went out: the bytes then follow
   * every earlier response. A client that does not take them is left to {@link #close}.
   */
  public void answerAndClose(RawAnswer answer) {
    answerAndClose(answer, null);
  }

  /** As {@link #answerAndClose(RawAnswer)}, with a {@code Strict-Transport-Security} header when {@code hsts} is set. */
  public void answerAndClose(RawAnswer answer, String hsts) {
    if (ctx.channel().isActive()) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(answer.bytes(hsts))).addListener(written -> ctx.close());
    }
  }

  /** Whether bytes after an upgrade request are being held (its answer has not come yet). */
  public boolean holding() {
    return holding;
  }

  /** Keeps {@code bytes} for later and stops reading: called by the decoder while {@link #holding}. */
  void hold(ByteBuf bytes) {
    if (bytes.isReadable()) {
      if (held == null) {
        held = ctx.alloc().compositeBuffer();
      }
      held.addComponent(true, bytes.readBytes(bytes.readableBytes()));
    }
    ctx.channel().config().setAutoRead(false);
  }

  /**
   * The connection switched protocols and its HTTP handlers are gone: the held bytes go first to the handler
   * that now reads the connection (the tunnel's socket), then reading resumes.
   */
  public void releaseToTunnel() {
    holding = false;
    ByteBuf bytes = held;
    held = null;
    ChannelPipeline pipeline = ctx.pipeline();
    if (bytes != null && pipeline.get(SOCKET_HANDLER) != null) {
      // A pass-through placed right before it, so the bytes enter the pipeline there, already decrypted.
      pipeline.addBefore(SOCKET_HANDLER, HELD_BYTES, new ChannelInboundHandlerAdapter());
      pipeline.context(HELD_BYTES).fireChannelRead(bytes).fireChannelReadComplete();
      pipeline.remove(HELD_BYTES);
    } else if (bytes != null) {
      bytes.release();
    }
    ctx.channel().config().setAutoRead(true);
  }

  /**
   * The upgrade request was answered without a switch: whether bytes had been held (the client spoke the new
   * protocol before it was accepted, so they are no HTTP to trust: the caller closes the connection). With
   * none held the connection goes on as HTTP/1.1 and reading resumes.
   */
  public boolean endHold() {
    boolean any = held != null && held.isReadable();
    discardHeld();
    holding = false;
    upgradeHead = false;
    if (!any) {
      ctx.channel().config().setAutoRead(true);
    }
    return any;
  }

  /** Frees what is held, if anything: the connection closed. */
  public void discardHeld() {
    if (held != null) {
      held.release();
      held = null;
    }
  }

  /**
   * Closes now: what was written is flushed as far as the socket takes it, the rest is dropped. Vert.x's
   * own close (which a close of the channel would pass through) waits until pending writes are flushed,
   * which a client that does not read never lets happen; a close from the decoder's place in the pipeline
   * goes straight to the socket.
   */
  public void close() {
    ctx.flush();
    ctx.close();
  }
}
