package io.holdfast.proxy.compression;

import io.holdfast.config.ContentCoding;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;

import java.util.ArrayList;
import java.util.List;

/**
 * One response body through one of Netty's encoders, run in an {@link EmbeddedChannel} as Netty's own
 * {@code HttpContentCompressor} runs it. Each piece comes out flushed (gzip's sync flush, Brotli's flush),
 * so a streamed response (server-sent events, long polls) is not held back. Not thread-safe: used by the
 * one exchange that owns it, on its event loop; {@link #finish} or {@link #discard} frees the encoder.
 */
public final class BodyCompressor {

  private final EmbeddedChannel channel;

  BodyCompressor(ContentCoding coding) {
    this.channel = EmbeddedChannel.builder().handlers(Encoders.create(coding)).build();
  }

  /**
   * {@code body}, whole, compressed in one go; {@code headers} get its {@code Content-Length}, so a small
   * response still leaves in one write without chunked framing.
   */
  public Buffer whole(Buffer body, MultiMap headers) {
    channel.writeOutbound(((BufferInternal) body).getByteBuf());
    channel.finish();
    Buffer compressed = drain();
    headers.set(HttpHeaders.CONTENT_LENGTH, String.valueOf(compressed.length()));
    return compressed;
  }

  /** A stream that compresses every piece written to it into {@code response}, and its end. */
  public WriteStream<Buffer> into(HttpServerResponse response) {
    return new CompressingStream(this, response);
  }

  /** The compressed form of the next piece of the body (flushed, possibly empty). */
  Buffer compress(Buffer piece) {
    channel.writeOutbound(((BufferInternal) piece).getByteBuf());
    return drain();
  }

  /** What the encoder still holds (the gzip trailer, Brotli's last block); the encoder is freed. */
  Buffer finish() {
    channel.finish();
    return drain();
  }

  /** The body broke off: the encoder and anything it still holds are freed. */
  public void discard() {
    channel.finishAndReleaseAll();
  }

  /** Everything the encoder wrote, as one heap buffer (the encoder's pooled buffers released). */
  private Buffer drain() {
    ByteBuf first = next();
    if (first == null) {
      return Buffer.buffer();
    }
    ByteBuf second = next();
    if (second == null) {
      return BufferInternal.safeBuffer(first);
    }
    List<ByteBuf> parts = new ArrayList<>(4);
    parts.add(first);
    int total = first.readableBytes();
    for (ByteBuf part = second; part != null; part = next()) {
      parts.add(part);
      total += part.readableBytes();
    }
    byte[] joined = new byte[total];
    int at = 0;
    for (ByteBuf part : parts) {
      int n = part.readableBytes();
      part.readBytes(joined, at, n);
      part.release();
      at += n;
    }
    return Buffer.buffer(joined);
  }

  /** The next non-empty output buffer, or null. */
  private ByteBuf next() {
    for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
      if (out.isReadable()) {
        return out;
      }
      out.release();
    }
    return null;
  }
}
