package io.holdfast.listener.framing;

import io.netty.channel.Channel;

/**
 * Whether writes to one client socket are stuck, for {@code sendTimeout}: the channel is unwritable (a write
 * is pending that the client does not take) and the pending bytes have not moved since the previous look. A
 * client that reads, however slowly, keeps moving them and restarts the clock. HTTP/1.x ({@link ClientWire})
 * and HTTP/2 connections share it. Event-loop confined: plain fields.
 */
public final class SocketStall {

  private final Channel channel;
  private long unwritableSince;
  private long bytesBeforeWritable;

  public SocketStall(Channel channel) {
    this.channel = channel;
  }

  /** Since when writes have been stuck, at {@code now}, or 0 when they are not. */
  public long since(long now) {
    if (channel.isWritable()) {
      unwritableSince = 0;
      return 0;
    }
    long pending = channel.bytesBeforeWritable();
    if (unwritableSince == 0 || pending != bytesBeforeWritable) {
      unwritableSince = now;
      bytesBeforeWritable = pending;
    }
    return unwritableSince;
  }
}
