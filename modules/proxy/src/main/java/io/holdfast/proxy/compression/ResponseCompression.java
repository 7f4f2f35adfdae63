package io.holdfast.proxy.compression;

import io.holdfast.config.CompressionConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * A listener's response compression, compiled once per config change and asked once per response.
 * Event-loop agnostic and immutable.
 */
public interface ResponseCompression {

  /** Compresses nothing and touches no header. */
  static ResponseCompression off() {
    return CompressionPolicy.OFF;
  }

  /** The policy {@code config} describes ({@link #off()} when it is not enabled). */
  static ResponseCompression of(CompressionConfig config) {
    return config.enabled() ? new CompressionPolicy(config) : CompressionPolicy.OFF;
  }

  /**
   * Decides for one response to {@code request} whose status is {@code status} and whose head, as it will
   * go to the client, is {@code headers}. When its media type is one compression applies to (and the
   * upstream did not encode it), {@code Vary: Accept-Encoding} is added whether or not this response is
   * compressed. When it is compressed, the head is rewritten for the compressed body ({@code
   * Content-Encoding} set, {@code Content-Length} and {@code Accept-Ranges} removed, a strong {@code ETag}
   * made weak) and the compressor for its body is returned; otherwise null and the body goes as it is.
   */
  BodyCompressor negotiate(HttpServerRequest request, int status, MultiMap headers);
}
