package io.holdfast.upstream;

import io.holdfast.testkit.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTPS upstream for tests: a real Vert.x server with a certificate from {@link TestCertificates}, one
 * TLS version, answering {@code ok}. It records every connection and the SNI name each one indicated.
 */
final class TlsUpstreamServer implements AutoCloseable {

  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger open = new AtomicInteger();
  /** The name each request's connection indicated by SNI ("" when none), in arrival order. */
  final List<String> sniNames = new CopyOnWriteArrayList<>();
  final List<Boolean> requestsOverTls = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  final int port;

  TlsUpstreamServer(Vertx vertx, TestCertificates.Issued certificate, String protocol) throws Exception {
    server = vertx.createHttpServer(new HttpServerOptions()
            .setSsl(true)
            .setSni(true)
            .setSslEngineOptions(new JdkSSLEngineOptions())
            .setEnabledSecureTransportProtocols(Set.of(protocol))
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificate.cert().toString())
                .setKeyPath(certificate.key().toString()))
            .setHttp2ClearTextEnabled(false))
        .connectionHandler(c -> {
          connections.incrementAndGet();
          open.incrementAndGet();
          c.closeHandler(v -> open.decrementAndGet());
        })
        .requestHandler(req -> {
          String sni = req.connection().indicatedServerName();
          sniNames.add(sni == null ? "" : sni);
          requestsOverTls.add(req.isSSL());
          req.response().end("ok");
        });
    port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .actualPort();
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
