package io.holdfast.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.holdfast.bus.HealthReport;
import io.holdfast.bus.PassiveMark;
import io.holdfast.config.HoldfastConfig;
import io.holdfast.testkit.TestCertificates;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner of server health driven on a context of its own, against real upstream servers, without deploying. */
class HealthOwnerTest {

  private Vertx vertx;
  private Context context;
  private HealthOwner owner;
  private final BlockingQueue<HealthReport> published = new LinkedBlockingQueue<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    owner = on(v -> new HealthOwner(vertx, published::add));
  }

  @AfterEach
  void tearDown() {
    on(v -> owner.close());
    vertx.close().await();
  }

  private <T> T on(Function<Void, T> action) {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> {
      try {
        result.complete(action.apply(null));
      } catch (RuntimeException e) {
        result.fail(e);
      }
    });
    try {
      return result.future().await(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the owner's context did not answer", e);
    }
  }

  private void apply(HoldfastConfig config) {
    on(v -> {
      owner.apply(config);
      return null;
    });
  }

  private static TestConfig checked(String interval, int... ports) {
    return TestConfig.proxying(ports).set("upstreams.app.healthCheck", new JsonObject().put("path", "/health")
        .put("interval", interval).put("timeout", interval).put("rise", 2).put("fall", 3));
  }

  private HealthReport.Server server(int port) {
    return on(v -> owner.report()).servers().stream().filter(s -> s.server().equals("127.0.0.1:" + port))
        .findFirst().orElseThrow();
  }

  /** The first published report whose entry for {@code port} satisfies {@code condition}. */
  private HealthReport.Server awaitPublished(int port, Predicate<HealthReport.Server> condition, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      HealthReport report = published.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (report == null) {
        break;
      }
      for (HealthReport.Server s : report.servers()) {
        if (s.server().equals("127.0.0.1:" + port) && condition.test(s)) {
          return s;
        }
      }
    }
    throw new AssertionError("no report for port " + port + " within " + within);
  }

  @Test
  void aServerThatStartsFailingIsDownWithinIntervalTimesFallAndBackAfterRise() throws Exception {
    ProbedServer failing = new ProbedServer(vertx);
    ProbedServer healthy = new ProbedServer(vertx);
    apply(checked("200ms", failing.port(), healthy.port()).snapshot(1).config());
    await().atMost(Duration.ofSeconds(2)).until(() -> server(failing.port()).lastProbe() != null);
    assertThat(server(failing.port()).up()).as("a server starts up").isTrue();

    failing.status.set(500);
    long failingSince = System.nanoTime();
    HealthReport.Server down = awaitPublished(failing.port(), s -> !s.up(), Duration.ofSeconds(2));
    long tookMillis = (System.nanoTime() - failingSince) / 1_000_000;
    // Slack for a probe's own time and a loaded machine's scheduling.
    assertThat(tookMillis).as("ms until down: interval 200 ms × fall 3").isLessThanOrEqualTo(600 + 250);
    assertThat(down.probeDown()).isTrue();
    assertThat(down.source()).isEqualTo("probe");
    assertThat(down.probes().badStatus() + down.probes().timeout() + down.probes().error())
        .as("fall failed probes at least").isGreaterThanOrEqualTo(3);
    assertThat(down.lastProbe().status()).isEqualTo(500);
    assertThat(down.lastProbe().passed()).isFalse();
    assertThat(server(healthy.port()).up()).isTrue();

    failing.status.set(204);
    long passingSince = System.nanoTime();
    HealthReport.Server up = awaitPublished(failing.port(), HealthReport.Server::up, Duration.ofSeconds(2));
    assertThat((System.nanoTime() - passingSince) / 1_000_000).as("ms until up: interval 200 ms × rise 2")
        .isLessThanOrEqualTo(400 + 250);
    assertThat(up.probes().passed()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void probesAreGetsOfThePathWithConnectionCloseAndTheHostTheUpstreamGets() throws Exception {
    ProbedServer server = new ProbedServer(vertx);
    apply(checked("100ms", server.port()).snapshot(1).config());
    await().atMost(Duration.ofSeconds(2)).until(() -> server.requests.get() >= 3);
    assertThat(server.path.get()).isEqualTo("/health");
    assertThat(server.connection.get()).isEqualToIgnoringCase("close");
    assertThat(server.host.get()).as("no route sets a host: the server's address").isEqualTo("127.0.0.1:" + server.port());
    await().atMost(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(server.connections.get()).as("one connection per probe").isEqualTo(server.requests.get()));

    apply(checked("100ms", server.port()).set("listeners.main.routes", new JsonArray().add(new JsonObject()
        .put("path", "/").put("upstream", "app").put("host", "app.example"))).snapshot(2).config());
    await().atMost(Duration.ofSeconds(2)).until(() -> "app.example".equals(server.host.get()));
  }

  @Test
  void aProbeFailsOnARefusedConnectAndOnATimeout() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    try {
      apply(TestConfig.proxying(closed, silent.getLocalPort()).set("upstreams.app.healthCheck",
          new JsonObject().put("interval", "200ms").put("timeout", "100ms")).snapshot(1).config());
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
        assertThat(server(closed).lastProbe().error()).startsWith("connect failed");
        assertThat(server(silent.getLocalPort()).lastProbe().error()).isEqualTo("timeout after 100 ms");
      });
      HealthReport.Server timedOut = server(silent.getLocalPort());
      assertThat(timedOut.lastProbe().durationMillis()).isBetween(90.0, 400.0);
      assertThat(timedOut.probes().timeout()).isPositive();
      assertThat(server(closed).probes().error()).isPositive();
    } finally {
      silent.close();
    }
  }

  @Test
  void probesOfATlsUpstreamAreTlsWithItsNameAndTrust(@TempDir Path certs) throws Exception {
    TestCertificates ca = TestCertificates.authority(certs.resolve("ca"), "holdfast test CA");
    TestCertificates.Issued issued = ca.issue("api.internal");
    List<String> sniNames = new CopyOnWriteArrayList<>();
    int port = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
            .setSslEngineOptions(new JdkSSLEngineOptions())
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(issued.cert().toString())
                .setKeyPath(issued.key().toString())))
        .requestHandler(request -> {
          sniNames.add(String.valueOf(request.connection().indicatedServerName()));
          request.response().end();
        })
        .listen(0, "127.0.0.1").await().actualPort();
    TestConfig config = TestConfig.proxying(port).set("upstreams.app.healthCheck", new JsonObject()
            .put("interval", "1s").put("timeout", "1s"))
        .set("upstreams.app.tls", new JsonObject().put("enabled", true).put("sni", "api.internal")
            .put("ca", ca.ca().toString()));
    apply(config.snapshot(1).config());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server(port).lastProbe()).isNotNull()
        .satisfies(p -> assertThat(p.status()).as(String.valueOf(p)).isEqualTo(200)));
    assertThat(sniNames).first().isEqualTo("api.internal");

    apply(config.set("upstreams.app.tls.sni", "other.internal").snapshot(2).config());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(server(port).lastProbe().error()).as("the certificate does not name other.internal")
            .isNotNull().startsWith("connect failed"));
  }

  @Test
  void anIntervalChangeAppliesAtOnceAndARemovedServerIsNoLongerProbed() throws Exception {
    ProbedServer kept = new ProbedServer(vertx);
    ProbedServer removed = new ProbedServer(vertx);
    apply(checked("10s", kept.port(), removed.port()).set("upstreams.app.healthCheck.timeout", "1s").snapshot(1).config());
    await().atMost(Duration.ofSeconds(2)).until(() -> kept.requests.get() == 1 && removed.requests.get() == 1);

    apply(checked("100ms", kept.port()).snapshot(2).config());
    int probed = on(v -> owner.probed());
    assertThat(probed).isEqualTo(1);
    await().atMost(Duration.ofSeconds(1)).until(() -> kept.requests.get() >= 4);
    int removedProbes = removed.requests.get();
    int keptBefore = kept.requests.get();
    await().atMost(Duration.ofSeconds(1)).until(() -> kept.requests.get() >= keptBefore + 3);
    assertThat(removed.requests.get()).isEqualTo(removedProbes);
  }

  @Test
  void aReloadThatKeepsAServerKeepsItsHealth() throws Exception {
    ProbedServer server = new ProbedServer(vertx);
    ProbedServer other = new ProbedServer(vertx);
    server.status.set(503);
    apply(checked("100ms", server.port(), other.port()).snapshot(1).config());
    awaitPublished(server.port(), s -> !s.up(), Duration.ofSeconds(2));
    published.clear();
    apply(checked("150ms", server.port(), other.port()).set("upstreams.app.keepalive.connections", 4).snapshot(2).config());
    assertThat(server(server.port()).up()).isFalse();
    int probes = server.requests.get();
    await().atMost(Duration.ofSeconds(2)).until(() -> server.requests.get() >= probes + 3);
    assertThat(server(server.port()).up()).isFalse();
    assertThat(published).as("no state changed over three more probes, nothing published").isEmpty();
  }

  @Test
  void aPassiveMarkIsPublishedForEveryInstanceAndEndsAfterFailTimeout() throws Exception {
    ProbedServer a = new ProbedServer(vertx);
    ProbedServer b = new ProbedServer(vertx);
    apply(TestConfig.proxying(a.port(), b.port()).set("upstreams.app.failTimeout", "300ms").snapshot(1).config());
    long markedAt = System.nanoTime();
    on(v -> {
      owner.passive(new PassiveMark("app", "127.0.0.1:" + a.port(), true, markedAt));
      return null;
    });
    HealthReport.Server marked = awaitPublished(a.port(), s -> !s.up(), Duration.ofSeconds(1));
    assertThat(marked.source()).isEqualTo("passive");
    assertThat(marked.passiveUntilNanos() - marked.passiveSinceNanos()).isEqualTo(Duration.ofMillis(300).toNanos());
    HealthReport.Server ended = awaitPublished(a.port(), HealthReport.Server::up, Duration.ofSeconds(2));
    assertThat(ended.passiveSinceNanos()).isZero();
    assertThat((System.nanoTime() - markedAt) / 1_000_000).isGreaterThanOrEqualTo(290);
    assertThat(a.requests.get()).as("no checks configured: no probes").isZero();
  }
}
