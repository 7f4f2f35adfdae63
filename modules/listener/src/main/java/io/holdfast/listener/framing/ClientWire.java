package io.holdfast.listener.framing;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Handler;

/**
 * What one client connection's bytes show, as its {@link StrictRequestDecoder} sees them: whether a request
 * head is arriving and since when, whether a request body is arriving and when the last read was, whether
 * writes to the client are stuck. The decoder writes it on each read (one clock read per socket read); the
 * listener's sweep reads it to enforce the client timeouts, so no request needs a timer of its own.
 * Event-loop confined: plain fields.
 */
public final class ClientWire {

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
  private long unwritableSince;
  private long bytesBeforeWritable;

  ClientWire(ChannelHandlerContext ctx, long now) {
    this.ctx = ctx;
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
    if (ctx.channel().isWritable()) {
      unwritableSince = 0;
      return 0;
    }
    long pending = ctx.channel().bytesBeforeWritable();
    if (unwritableSince == 0 || pending != bytesBeforeWritable) {
      unwritableSince = now;
      bytesBeforeWritable = pending;
    }
    return unwritableSince;
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
