package io.holdfast.proxy.compression;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.WriteStream;

/**
 * A client response seen through a {@link BodyCompressor}: what a pipe writes is compressed before it
 * goes out, and back-pressure is the response's own (the compressed bytes are what queue).
 */
final class CompressingStream implements WriteStream<Buffer> {

  private final BodyCompressor compressor;
  private final HttpServerResponse response;

  CompressingStream(BodyCompressor compressor, HttpServerResponse response) {
    this.compressor = compressor;
    this.response = response;
  }

  @Override
  public Future<Void> write(Buffer data) {
    Buffer compressed;
    try {
      compressed = compressor.compress(data);
    } catch (RuntimeException encoderFailure) {
      return Future.failedFuture(encoderFailure);
    }
    return compressed.length() == 0 ? Future.succeededFuture() : response.write(compressed);
  }

  @Override
  public Future<Void> end() {
    Buffer tail;
    try {
      tail = compressor.finish();
    } catch (RuntimeException encoderFailure) {
      return Future.failedFuture(encoderFailure);
    }
    return response.end(tail);
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    response.exceptionHandler(handler);
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    response.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return response.writeQueueFull();
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    response.drainHandler(handler);
    return this;
  }
}
