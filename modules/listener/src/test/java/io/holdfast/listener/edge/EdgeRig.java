package io.holdfast.listener.edge;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.ListenerVerticle;
import io.holdfast.routing.RouteTables;
import io.holdfast.upstream.UpstreamPlan;
import io.holdfast.testkit.TestCertificates;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * An edge listener under test: the real listener verticle (real pools, real forwarder) in front of an
 * in-process HTTP/1.1 upstream that records what reached it, a throwaway CA ({@link TestCertificates}) for
 * the listener's certificates, and clients that trust it. Configs are built with {@link TestConfig}.
 * A JUnit extension: {@code @RegisterExtension final EdgeRig rig = new EdgeRig();} gives each test a fresh
 * rig, closed after it; on a static field one rig serves the whole class.
 */
final class EdgeRig implements BeforeEachCallback, AfterEachCallback, BeforeAllCallback, AfterAllCallback {

  /** What one request looked like when it reached the upstream. */
  record Seen(String method, String uri, Map<String, List<String>> headers, Buffer body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase());
      return values == null ? null : String.join(", ", values);
    }
  }

  Vertx vertx;
  TestCertificates ca;
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  /** Connections the upstream accepted: how many the proxy opened. */
  final AtomicInteger upstreamConnections = new AtomicInteger();
  HttpServer upstream;
  private Path dir;
  /** Registered on a static field: opened before the class's tests, closed after them. */
  private boolean perClass;
  private final List<ListenerVerticle> listeners = new CopyOnWriteArrayList<>();
  private long version;
  /** {@code listeners.main.tls.engine} for every TLS config this rig starts or applies; null: the config's own. */
  private String tlsEngine;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    perClass = true;
    open();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    if (!perClass) {
      open();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (!perClass) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close();
  }

  private void open() throws IOException {
    dir = Files.createTempDirectory("edge-rig");
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
    ca = TestCertificates.authority(dir.resolve("ca"), "holdfast edge test CA");
    upstream = vertx.createHttpServer()
        .connectionHandler(c -> upstreamConnections.incrementAndGet())
        .requestHandler(this::serve)
        .listen(0, "127.0.0.1").await();
  }

  private void serve(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
      request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(), k -> new java.util.ArrayList<>())
          .add(h.getValue()));
      seen.add(new Seen(request.method().name(), request.uri(), headers, body));
      if (request.path().startsWith("/slow/")) {
        long delay = Long.parseLong(request.path().substring("/slow/".length()));
        vertx.setTimer(delay, id -> request.response().end("slow " + body.length()));
        return;
      }
      if (request.path().startsWith("/big/")) {
        int size = Integer.parseInt(request.path().substring("/big/".length()));
        request.response().end(Buffer.buffer(new byte[size]));
        return;
      }
      request.response().putHeader("content-type", "text/plain").end("got " + body.length());
    });
  }

  /** A proxying config for this rig's upstream: listener "main" on a free port. */
  TestConfig config() {
    return TestConfig.proxying(upstream.actualPort());
  }

  /** {@code config} with listener "main" serving TLS with these certificates ({cert, key} pairs of PEM files). */
  static TestConfig tls(TestConfig config, TestCertificates.Issued... certificates) {
    JsonArray list = new JsonArray();
    for (TestCertificates.Issued issued : certificates) {
      list.add(new JsonObject().put("cert", issued.chain().toString()).put("key", issued.key().toString()));
    }
    return config.set("listeners.main.tls", new JsonObject().put("certificates", list));
  }

  /** Runs the TLS listeners of this rig on {@code engine} ({@code auto}, {@code jdk}, {@code openssl}). */
  EdgeRig engine(String engine) {
    this.tlsEngine = engine;
    return this;
  }

  private ConfigSnapshot snapshot(TestConfig config) {
    if (tlsEngine != null && config.json().getJsonObject("listeners").getJsonObject("main").containsKey("tls")) {
      config.set("listeners.main.tls.engine", tlsEngine);
    }
    return config.snapshot(++version);
  }

  /** Deploys {@code instances} listener instances sharing the port, as the app does. */
  void start(TestConfig config, int instances) {
    ConfigSnapshot snapshot = snapshot(config);
    for (int i = 0; i < instances; i++) {
      ListenerVerticle verticle = new ListenerVerticle(snapshot);
      vertx.deployVerticle(verticle).await();
      listeners.add(verticle);
    }
  }

  void start(TestConfig config) {
    start(config, 1);
  }

  /** Applies {@code config} as the next version, as the config, routing and upstream verticles publish it. */
  void apply(TestConfig config) {
    ConfigSnapshot snapshot = snapshot(config);
    vertx.eventBus().publish(Addresses.ROUTES_APPLIED, RouteTables.compile(snapshot));
    vertx.eventBus().publish(Addresses.UPSTREAMS_APPLIED, UpstreamPlan.compile(snapshot));
    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, snapshot);
    long applied = snapshot.version();
    org.awaitility.Awaitility.await().until(() -> listeners.stream().allMatch(l -> l.servingVersion() == applied));
  }

  int port() {
    return listeners.get(0).boundPort("main");
  }

  ListenerVerticle listener() {
    return listeners.get(0);
  }

  /** Listener "main"'s counters on the first instance. */
  io.holdfast.bus.ListenerStats stats() {
    return vertx.eventBus().<io.holdfast.bus.InstanceStats>request(Addresses.instanceStats(listener().instanceId()), null)
        .await().body().listeners().get(0);
  }

  /** The upstream pool's counters on the first instance. */
  io.holdfast.bus.ServerStats pool() {
    return vertx.eventBus().<io.holdfast.bus.InstanceStats>request(Addresses.instanceStats(listener().instanceId()), null)
        .await().body().pools().get(0);
  }

  /** A JDK client trusting this rig's CA; {@code sni} set sends that name whatever the URL's host. */
  HttpClient client(HttpClient.Version version, String sni) throws Exception {
    HttpClient.Builder builder = HttpClient.newBuilder().version(version).sslContext(trusting())
        .connectTimeout(Duration.ofSeconds(5));
    if (sni != null) {
      SSLParameters parameters = trusting().getDefaultSSLParameters();
      parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(sni)));
      builder.sslParameters(parameters);
    }
    return builder.build();
  }

  SSLContext trusting() throws Exception {
    return ca.trusting();
  }

  URI https(String path) {
    return URI.create("https://localhost:" + port() + path);
  }

  URI http(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  private void close() throws IOException {
    vertx.close().await();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
