package io.holdfast.proxy;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * An upstream whose answer the query spells out, for compression tests: {@code size} bytes of JSON-like text
 * ({@link #body}), {@code type} (Content-Type, default application/json), {@code chunked=1} (sent in 4 KiB
 * pieces without a length), {@code gzip=1} (already compressed, with Content-Encoding), {@code status},
 * {@code etag}, {@code vary}, {@code cc} (Cache-Control), {@code stream=1} (text/event-stream: {@link #EVENT}
 * now, the rest when the test calls {@link #endStream}). A {@code Range} request gets 206 unless
 * {@code ignoreRange=1}. The head of the last request is kept in {@link #lastRequest}.
 */
final class CompressingUpstream implements Handler<HttpServerRequest> {

  /** The first piece of a {@code stream=1} response. */
  static final String EVENT = "data: " + "x".repeat(2000) + "\n\n";

  volatile MultiMap lastRequest;
  private volatile Runnable endStream = () -> { };

  /** Ends the open {@code stream=1} response. */
  void endStream() {
    endStream.run();
  }

  /** {@code size} bytes of repetitive JSON, the same for the same size. */
  static byte[] body(int size) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; json.length() < size; i++) {
      json.append("{\"id\":").append(i).append(",\"name\":\"item-").append(i * 7919 % 1000)
          .append("\",\"tags\":[\"alpha\",\"beta\"],\"price\":").append(i % 97).append(".5},");
    }
    byte[] bytes = json.toString().getBytes(StandardCharsets.US_ASCII);
    return java.util.Arrays.copyOf(bytes, size);
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void handle(HttpServerRequest request) {
    lastRequest = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    HttpServerResponse response = request.response();
    int size = Integer.parseInt(param(request, "size", "0"));
    byte[] body = body(size);
    response.putHeader("content-type", param(request, "type", "application/json"));
    if (request.getParam("etag") != null) {
      response.putHeader("etag", request.getParam("etag"));
    }
    if (request.getParam("vary") != null) {
      response.putHeader("vary", request.getParam("vary"));
    }
    if (request.getParam("cc") != null) {
      response.putHeader("cache-control", request.getParam("cc"));
    }
    response.putHeader("accept-ranges", "bytes");
    response.setStatusCode(Integer.parseInt(param(request, "status", "200")));
    if (request.getHeader("range") != null && request.getParam("ignoreRange") == null) {
      response.setStatusCode(206).putHeader("content-range", "bytes 0-9/" + size).end(Buffer.buffer(body).slice(0, 10));
      return;
    }
    if (request.getParam("stream") != null) {
      Context context = Vertx.currentContext();
      response.putHeader("content-type", "text/event-stream").setChunked(true).write(EVENT);
      endStream = () -> context.runOnContext(v -> response.end("data: last\n\n"));
    } else if (request.method() == HttpMethod.HEAD) {
      // What the GET would say, as a file server answers HEAD.
      response.putHeader("content-length", String.valueOf(size)).end();
    } else if (request.getParam("gzip") != null) {
      response.putHeader("content-encoding", "gzip").end(Buffer.buffer(gzip(body)));
    } else if (request.getParam("chunked") != null) {
      response.setChunked(true);
      for (int at = 0; at < size; at += 4096) {
        response.write(Buffer.buffer(body).slice(at, Math.min(size, at + 4096)));
      }
      response.end();
    } else {
      response.end(Buffer.buffer(body));
    }
  }

  private static String param(HttpServerRequest request, String name, String fallback) {
    String value = request.getParam(name);
    return value == null ? fallback : value;
  }
}
