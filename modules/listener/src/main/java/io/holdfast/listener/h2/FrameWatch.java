package io.holdfast.listener.h2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2FrameListenerDecorator;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;

/**
 * Sees every complete frame (a header block once whole, CONTINUATIONs included) before Vert.x does and tells
 * its connection's {@link H2Wire}: one method call per frame.
 */
final class FrameWatch extends Http2FrameListenerDecorator {

  private final H2Wire wire;

  FrameWatch(H2Wire wire, Http2FrameListener listener) {
    super(listener);
    this.wire = wire;
  }

  private void frame() {
    wire.frameRead();
  }

  @Override
  public void onHeadersRead(ChannelHandlerContext c, int streamId, Http2Headers headers, int streamDependency,
                            short weight, boolean exclusive, int padding, boolean endOfStream) throws Http2Exception {
    wire.headersRead(streamId, headers, endOfStream);
    super.onHeadersRead(c, streamId, headers, streamDependency, weight, exclusive, padding, endOfStream);
  }

  @Override
  public void onHeadersRead(ChannelHandlerContext c, int streamId, Http2Headers headers, int padding,
                            boolean endOfStream) throws Http2Exception {
    onHeadersRead(c, streamId, headers, 0, (short) 16, false, padding, endOfStream);
  }

  @Override
  public int onDataRead(ChannelHandlerContext c, int streamId, ByteBuf data, int padding, boolean endOfStream)
      throws Http2Exception {
    wire.dataRead(streamId, endOfStream);
    return super.onDataRead(c, streamId, data, padding, endOfStream);
  }

  @Override
  public void onRstStreamRead(ChannelHandlerContext c, int streamId, long errorCode) throws Http2Exception {
    frame();
    super.onRstStreamRead(c, streamId, errorCode);
  }

  @Override
  public void onSettingsRead(ChannelHandlerContext c, Http2Settings settings)
      throws Http2Exception {
    frame();
    super.onSettingsRead(c, settings);
  }

  @Override
  public void onSettingsAckRead(ChannelHandlerContext c) throws Http2Exception {
    frame();
    super.onSettingsAckRead(c);
  }

  @Override
  public void onPingRead(ChannelHandlerContext c, long data) throws Http2Exception {
    frame();
    super.onPingRead(c, data);
  }

  @Override
  public void onPingAckRead(ChannelHandlerContext c, long data) throws Http2Exception {
    frame();
    super.onPingAckRead(c, data);
  }

  @Override
  public void onPriorityRead(ChannelHandlerContext c, int streamId, int dependency, short weight, boolean exclusive)
      throws Http2Exception {
    frame();
    super.onPriorityRead(c, streamId, dependency, weight, exclusive);
  }

  @Override
  public void onWindowUpdateRead(ChannelHandlerContext c, int streamId, int increment) throws Http2Exception {
    frame();
    super.onWindowUpdateRead(c, streamId, increment);
  }

  @Override
  public void onGoAwayRead(ChannelHandlerContext c, int lastStreamId, long errorCode, ByteBuf debugData)
      throws Http2Exception {
    frame();
    super.onGoAwayRead(c, lastStreamId, errorCode, debugData);
  }

  @Override
  public void onUnknownFrame(ChannelHandlerContext c, byte type, int streamId,
                             Http2Flags flags, ByteBuf payload) throws Http2Exception {
    frame();
    super.onUnknownFrame(c, type, streamId, flags, payload);
  }
}
