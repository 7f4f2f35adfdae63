package io.holdfast.proxy.compression;

import io.holdfast.config.CompressionConfig;
import io.holdfast.config.ContentCoding;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import java.util.logging.Logger;

/**
 * The rules, in the order they are checked (the cheap and the header-only ones first). A response is
 * <em>considered</em> when compression is on, the upstream did not encode it, {@code Cache-Control} does not
 * say {@code no-transform} and its media type is listed; a considered response gets {@code Vary}. It is
 * <em>compressed</em> when it also has a body to compress (not HEAD, not 1xx/204/206/304), the request is not
 * a {@code Range} request nor HTTP/1.0 (nginx's {@code gzip_http_version 1.1}), its announced length is at
 * least {@code minLength} (an unannounced, chunked one is compressed, as nginx does) and the client accepts
 * one of the codings.
 */
final class CompressionPolicy implements ResponseCompression {

  static final ResponseCompression OFF = (request, status, headers) -> null;

  private static final CharSequence RANGE = HttpHeaders.createOptimized("range");
  private static final Logger LOG = Logger.getLogger(CompressionPolicy.class.getName());

  private final MediaRanges types;
  private final int minLength;
  private final ContentCoding[] codings;

  CompressionPolicy(CompressionConfig config) {
    this.types = new MediaRanges(config.types());
    this.minLength = config.minLength();
    this.codings = config.algorithms().stream().filter(coding -> {
      boolean available = Encoders.available(coding);
      if (!available) {
        LOG.warning(() -> "compression: " + coding.key() + " cannot run on this platform (no native library): left out");
      }
      return available;
    }).toArray(ContentCoding[]::new);
  }

  @Override
  public BodyCompressor negotiate(HttpServerRequest request, int status, MultiMap headers) {
    if (headers.contains(HttpHeaders.CONTENT_ENCODING) || !types.matches(headers.get(HttpHeaders.CONTENT_TYPE))
        || noTransform(headers)) {
      return null;
    }
    CompressedHead.varyOnAcceptEncoding(headers);
    if (!hasBodyToCompress(request, status) || !longEnough(headers.get(HttpHeaders.CONTENT_LENGTH))) {
      return null;
    }
    ContentCoding coding = AcceptEncoding.choose(request.getHeader(HttpHeaders.ACCEPT_ENCODING), codings);
    if (coding == null) {
      return null;
    }
    CompressedHead.compressedWith(coding, headers);
    return new BodyCompressor(coding);
  }

  private static boolean hasBodyToCompress(HttpServerRequest request, int status) {
    return status >= 200 && status != 204 && status != 206 && status != 304
        && request.method() != HttpMethod.HEAD
        && request.version() != HttpVersion.HTTP_1_0
        && !request.headers().contains(RANGE);
  }

  /** An announced length of at least {@code minLength} (never 0); an unannounced one counts as long enough. */
  private boolean longEnough(String contentLength) {
    if (contentLength == null) {
      return true;
    }
    try {
      long length = Long.parseLong(contentLength.trim());
      return length > 0 && length >= minLength;
    } catch (NumberFormatException malformed) {
      return false;
    }
  }

  /** RFC 9110 §7.7: a proxy must not transform a body whose response says {@code no-transform}. */
  private static boolean noTransform(MultiMap headers) {
    for (String line : headers.getAll(HttpHeaders.CACHE_CONTROL)) {
      if (CompressedHead.hasToken(line, "no-transform")) {
        return true;
      }
    }
    return false;
  }
}
