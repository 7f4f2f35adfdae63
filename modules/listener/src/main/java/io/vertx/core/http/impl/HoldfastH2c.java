package io.vertx.core.http.impl;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;

/**
 * Holdfast's one class inside Vert.x's package: it turns an HTTP/1.x server connection whose first bytes are
 * the HTTP/2 connection preface into Vert.x's own HTTP/2 server connection (h2c with prior knowledge), as
 * {@code HttpServerConnectionInitializer} does when {@code setHttp2ClearTextEnabled(true)}. Holdfast keeps
 * that option off because with it Vert.x decodes a connection's first HTTP/1.x request with its own decoder
 * before any connection handler runs, out of reach of Holdfast's strict request checks (and answers h2c
 * Upgrade requests itself). Instead Holdfast's decoder spots the preface and calls this; it must sit in this
 * package to build the handler and connection Vert.x builds (package-private, vertx-core 5.0.10). Checked by
 * the listener's h2c tests: an upgrade that changes these internals fails them loudly.
 */
public final class HoldfastH2c {

  private HoldfastH2c() {
  }

  /**
   * Replaces {@code http1}'s HTTP/1.x handlers with an HTTP/2 server handler whose streams go to
   * {@code requests}; {@code connections} gets the HTTP/2 connection once the client's SETTINGS are read. The
   * caller removes its decoder afterwards, so the bytes it still holds (the preface onwards) reach the new
   * handler. False when {@code http1} is not the kind of connection this knows.
   */
  public static boolean switchToHttp2(HttpConnection http1, String serverOrigin, Handler<HttpServerRequest> requests,
                                      Handler<HttpConnection> connections) {
    if (!(http1 instanceof Http1xServerConnection conn)) {
      return false;
    }
    HttpServerOptions options = conn.options;
    ContextInternal context = conn.context();
    Object metric = conn.metric();
    int rstFloodSeconds = (int) options.getHttp2RstFloodWindowDurationTimeUnit()
        .toSeconds(options.getHttp2RstFloodWindowDuration());
    VertxHttp2ConnectionHandler<Http2ServerConnection> handler = new VertxHttp2ConnectionHandlerBuilder<Http2ServerConnection>()
        .server(true)
        .useCompression(null)
        .gracefulShutdownTimeoutMillis(0)
        .encoderEnforceMaxRstFramesPerWindow(options.getHttp2RstFloodMaxRstFramePerWindow(), rstFloodSeconds)
        .decoderEnforceMaxRstFramesPerWindow(options.getHttp2RstFloodMaxRstFramePerWindow(), rstFloodSeconds)
        .useDecompression(false)
        .initialSettings(options.getInitialSettings())
        .connectionFactory(h -> {
          Http2ServerConnection h2 = new Http2ServerConnection(context, context::duplicate, serverOrigin, h, null,
              options, conn.metrics);
          h2.metric(metric);
          return h2;
        })
        .logEnabled(options.getLogActivity())
        .build();
    handler.addHandler(h2 -> {
      h2.handler(requests);
      connections.handle(h2);
    });
    ChannelHandlerContext chctx = conn.channelHandlerContext();
    ChannelPipeline pipeline = chctx.pipeline();
    pipeline.remove("httpEncoder");
    pipeline.replace(chctx.handler(), "handler", handler);
    return true;
  }
}
