import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.Future;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;

/**
 * The stock reverse proxy of the stack Holdfast is built on, for src/bench/edge.py's {@code vertx-proxy} peer:
 * vertx-http-proxy's {@code HttpProxy.reverseProxy} over Vert.x's pooled {@code HttpClient}, behind an HTTP/2
 * TLS server (ALPN, the OpenSSL engine, as Holdfast uses), on one event loop and the native transport. None of
 * Holdfast's own work (limits, timeouts, balancing, counters, the h2 stream checks): what the same Vert.x
 * layers cost for the same exchange. Run on the fat jar's classpath:
 * {@code java -cp holdfast.jar VertxProxy.java <port> <cert.pem> <key.pem> <backend port>}.
 */
public class VertxProxy {

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1));
    // As many pooled connections as h2load has streams in flight (-c50 -m10), so no request waits for one.
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(512));
    HttpProxy proxy = HttpProxy.reverseProxy(client).origin(Integer.parseInt(args[3]), "127.0.0.1");
    // The one change to the stock proxy: 5.0.10 strips hop-by-hop headers from requests only, and a keepalive
    // backend's "Connection: keep-alive" in a response is a stream error on HTTP/2 (curl: PROTOCOL_ERROR).
    proxy.addInterceptor(new ProxyInterceptor() {
      @Override
      public Future<Void> handleProxyResponse(ProxyContext context) {
        context.response().headers().remove("connection").remove("keep-alive");
        return context.sendResponse();
      }
    });
    HttpServerOptions options = new HttpServerOptions().setSsl(true).setUseAlpn(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(args[1]).setKeyPath(args[2]))
        .setSslEngineOptions(new OpenSSLEngineOptions());
    vertx.createHttpServer(options).requestHandler(proxy).listen(Integer.parseInt(args[0]))
        .onComplete(listening -> System.out.println(listening.succeeded() ? "listening" : "failed " + listening.cause()));
  }
}
