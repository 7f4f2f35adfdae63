package io.holdfast.app.origin;

import io.holdfast.bus.PortInUseException;
import io.holdfast.config.OriginConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.BindException;

/**
 * The built-in origin: answers every path with the {@link WelcomePage}, so the shipped config proxies to
 * something with nothing else installed. Plain HTTP/1.1 keepalive, like any upstream Holdfast pools.
 */
public final class OriginVerticle extends VerticleBase {

  private static final CharSequence TEXT_HTML = HttpHeaders.createOptimized("text/html; charset=utf-8");

  private final OriginConfig config;
  private final WelcomePage page;
  private HttpServer server;

  public OriginVerticle(OriginConfig config, WelcomePage page) {
    this.config = config;
    this.page = page;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setHttp2ClearTextEnabled(false));
    return server.requestHandler(this::handle)
        .listen()
        .recover(failure -> Future.failedFuture(isPortInUse(failure)
            ? new PortInUseException("origin", config.host(), config.port(), failure)
            : failure));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The port the origin listens on; useful when the config asked for port 0. */
  public int actualPort() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    // Any path, any method: a request body (if any) is read and dropped so the connection stays reusable.
    request.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, TEXT_HTML)
        .setStatusCode(200);
    if (request.method() == HttpMethod.HEAD) {
      request.response().putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(page.body().length())).end();
    } else {
      request.response().end(page.body());
    }
  }

  static boolean isPortInUse(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      // NIO raises BindException; the native transports raise an IOException carrying the errno text.
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }
}
