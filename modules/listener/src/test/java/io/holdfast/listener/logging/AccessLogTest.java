package io.holdfast.listener.logging;

import io.holdfast.accesslog.AccessLogWriter;
import io.holdfast.bus.Addresses;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.ServerStats;
import io.holdfast.bus.StatusClasses;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.ListenerVerticle;
import io.holdfast.listener.RawClient;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access log and the per-status counts through a real listener instance: real upstream servers, raw
 * client sockets, a real writer on a temporary file, every line parsed back.
 */
class AccessLogTest {

  /** nginx's combined, then uct= and the contract's fixed end: rt= urt= reused= upstream=. */
  private static final Pattern COMBINED = Pattern.compile("^(?<addr>\\S+) - (?<user>\\S+) \\[(?<time>[^\\]]+)\\] "
      + "\"(?<request>[^\"]*)\" (?<status>\\d{3}) (?<bytes>\\d+) \"(?<referer>[^\"]*)\" \"(?<agent>[^\"]*)\" "
      + "uct=(?<uct>-|\\d+\\.\\d{3}) rt=(?<rt>\\d+\\.\\d{3}) urt=(?<urt>-|\\d+\\.\\d{3}) "
      + "reused=(?<reused>[01-]) upstream=(?<upstream>\\S+)$");

  @TempDir
  Path dir;
  private final Vertx vertx = Vertx.vertx();
  private HttpServer app;
  private int deadPort;
  private AccessLogWriter writer;
  private ListenerVerticle verticle;
  private Path file;

  @BeforeEach
  void setUp() throws IOException {
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
    LocalCodec.register(vertx.eventBus(), InstanceStats.class);
    app = vertx.createHttpServer().requestHandler(request -> {
      if (request.path().startsWith("/app/slow")) {
        vertx.setTimer(2000, id -> request.response().end("late"));
      } else if (request.path().startsWith("/app/reset")) {
        request.connection().close();
      } else if (request.path().startsWith("/app/missing")) {
        request.response().setStatusCode(404).end("no such thing");
      } else {
        request.response().end("hello world\n");
      }
    }).listen(0, "127.0.0.1").await();
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    file = dir.resolve("logs/access.log");
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
    if (writer != null) {
      writer.close();
    }
  }

  private TestConfig config(String format) {
    return TestConfig.create()
        .upstream("app", app.actualPort())
        .upstream("dead", deadPort)
        .listener("main", 0)
        .route("main", "/app/", "app")
        .route("main", "/dead/", "dead")
        .set("listeners.main.headerTimeout", "300ms")
        .set("accessLog", new JsonObject().put("path", file.toString()).put("format", format));
  }

  private int start(TestConfig config) {
    ConfigSnapshot snapshot = config.snapshot(1);
    writer = AccessLogWriter.start(snapshot.config().accessLog());
    verticle = new ListenerVerticle(snapshot, writer::lane);
    vertx.deployVerticle(verticle).await();
    return verticle.boundPort("main");
  }

  private List<String> lines(int atLeast) {
    String[] read = new String[1];
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
      return lines.size() >= atLeast ? lines : null;
    }, lines -> lines != null);
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Matcher parsed(String line) {
    Matcher m = COMBINED.matcher(line);
    assertThat(m.matches()).as(line).isTrue();
    return m;
  }

  @Test
  void proxiedRequestsShowTheirUpstreamAndWhetherTheyPaidAConnect() throws Exception {
    int port = start(config("combined"));
    String basic = "Authorization: Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
    try (RawClient client = RawClient.connect(port)) {
      assertThat(client.exchange(get("/app/one?x=1", "Referer: http://ref/", "User-Agent: test \"agent\"", basic))
          .status()).isEqualTo(200);
      assertThat(client.exchange(get("/app/two")).status()).isEqualTo(200);
      assertThat(client.exchange(get("/app/missing")).status()).isEqualTo(404);
    }

    List<String> lines = lines(3);
    Matcher fresh = parsed(lines.get(0));
    Matcher reused = parsed(lines.get(1));
    Matcher missing = parsed(lines.get(2));
    String server = "127.0.0.1:" + app.actualPort();
    assertThat(fresh.group("addr")).isEqualTo("127.0.0.1");
    assertThat(fresh.group("user")).isEqualTo("alice");
    assertThat(fresh.group("request")).isEqualTo("GET /app/one?x=1 HTTP/1.1");
    assertThat(fresh.group("status")).isEqualTo("200");
    assertThat(fresh.group("bytes")).isEqualTo("12");
    assertThat(fresh.group("referer")).isEqualTo("http://ref/");
    assertThat(fresh.group("agent")).isEqualTo("test \\x22agent\\x22");
    assertThat(fresh.group("uct")).as("a connect was paid").isNotEqualTo("-");
    assertThat(fresh.group("reused")).isEqualTo("0");
    assertThat(fresh.group("urt")).isNotEqualTo("-");
    assertThat(fresh.group("upstream")).isEqualTo(server);
    assertThat(reused.group("uct")).isEqualTo("-");
    assertThat(reused.group("reused")).isEqualTo("1");
    assertThat(reused.group("upstream")).isEqualTo(server);
    assertThat(reused.group("user")).isEqualTo("-");
    assertThat(missing.group("status")).as("the upstream's own 404").isEqualTo("404");
    assertThat(missing.group("upstream")).isEqualTo(server);
    assertThat(Double.parseDouble(fresh.group("rt"))).isGreaterThanOrEqualTo(Double.parseDouble(fresh.group("urt")));
  }

  @Test
  void answersHoldfastGivesItselfAreLoggedWithoutAnUpstream() throws Exception {
    int port = start(config("combined"));
    try (RawClient client = RawClient.connect(port)) {
      assertThat(client.exchange(get("/nowhere")).status()).isEqualTo(404);
      assertThat(client.exchange(get("/dead/x")).status()).isEqualTo(502);
    }
    try (RawClient refused = RawClient.connect(port)) {
      refused.send("GET /twice HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
      assertThat(refused.read().status()).isEqualTo(400);
    }
    try (RawClient tooLong = RawClient.connect(port)) {
      tooLong.send("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: a\r\n\r\n");
      assertThat(tooLong.read().status()).isEqualTo(414);
    }
    try (RawClient slow = RawClient.connect(port)) {
      slow.send("GET /app/ HTTP/1.1\r\nHo");
      assertThat(slow.read().status()).as("headerTimeout").isEqualTo(408);
    }

    List<String> lines = lines(5);
    Matcher notFound = parsed(lines.get(0));
    Matcher badGateway = parsed(lines.get(1));
    Matcher badRequest = parsed(lines.get(2));
    Matcher uriTooLong = parsed(lines.get(3));
    Matcher timedOut = parsed(lines.get(4));
    assertThat(notFound.group("status")).isEqualTo("404");
    assertThat(notFound.group("upstream")).isEqualTo("-");
    assertThat(notFound.group("reused")).isEqualTo("-");
    assertThat(notFound.group("urt")).isEqualTo("-");
    assertThat(badGateway.group("status")).isEqualTo("502");
    assertThat(badGateway.group("upstream")).as("the server whose connect was refused")
        .isEqualTo("127.0.0.1:" + deadPort);
    assertThat(badGateway.group("reused")).isEqualTo("0");
    assertThat(badGateway.group("uct")).isEqualTo("-");
    assertThat(badRequest.group("request")).isEqualTo("GET /twice HTTP/1.1");
    assertThat(badRequest.group("status")).isEqualTo("400");
    assertThat(uriTooLong.group("request")).as("no request line was read").isEqualTo("-");
    assertThat(uriTooLong.group("status")).isEqualTo("414");
    assertThat(timedOut.group("request")).isEqualTo("-");
    assertThat(timedOut.group("status")).isEqualTo("408");
    assertThat(timedOut.group("bytes")).isEqualTo(String.valueOf("408 Request Timeout\n".length()));
    assertThat(Double.parseDouble(timedOut.group("rt"))).isGreaterThanOrEqualTo(0.3);
  }

  @Test
  void anUpstreamThatClosesWithoutAResponseGives502WithItsServer() throws Exception {
    int port = start(config("json"));
    try (RawClient client = RawClient.connect(port)) {
      assertThat(client.exchange(get("/app/reset")).status()).isEqualTo(502);
    }

    JsonObject line = new JsonObject(lines(1).get(0));
    assertThat(line.getInteger("status")).isEqualTo(502);
    assertThat(line.getString("upstream_addr")).isEqualTo("127.0.0.1:" + app.actualPort());
    assertThat(line.getString("upstream_name")).isEqualTo("app");
    assertThat(line.getBoolean("upstream_reused")).isFalse();
    assertThat(line.getDouble("upstream_connect_time")).as("its connect succeeded").isNotNull();
    assertThat(line.getValue("upstream_status")).as("no response came").isNull();
    assertThat(line.getDouble("upstream_response_time")).isNotNull();
  }

  @Test
  void aClientThatLeavesBeforeItsResponseIsLoggedAs499() throws Exception {
    int port = start(config("combined"));
    try (RawClient client = RawClient.connect(port)) {
      client.send(get("/app/slow"));
      Thread.sleep(200);
    }

    Matcher gone = parsed(lines(1).get(0));
    assertThat(gone.group("status")).isEqualTo("499");
    assertThat(gone.group("bytes")).isEqualTo("0");
    assertThat(gone.group("upstream")).isEqualTo("127.0.0.1:" + app.actualPort());
  }

  @Test
  void jsonLinesCarryTheSameFieldsAndTheChosenUpstream() throws Exception {
    int port = start(config("json"));
    try (RawClient client = RawClient.connect(port)) {
      client.exchange(get("/app/j", "User-Agent: ua"));
      client.exchange(get("/nowhere"));
    }

    List<String> lines = lines(2);
    JsonObject proxied = new JsonObject(lines.get(0));
    JsonObject own = new JsonObject(lines.get(1));
    assertThat(proxied.getString("request")).isEqualTo("GET /app/j HTTP/1.1");
    assertThat(proxied.getInteger("status")).isEqualTo(200);
    assertThat(proxied.getString("upstream_name")).isEqualTo("app");
    assertThat(proxied.getString("upstream_addr")).isEqualTo("127.0.0.1:" + app.actualPort());
    assertThat(proxied.getInteger("upstream_status")).isEqualTo(200);
    assertThat(proxied.getBoolean("upstream_reused")).isFalse();
    assertThat(proxied.getDouble("upstream_connect_time")).isNotNull();
    assertThat(proxied.getString("http_user_agent")).isEqualTo("ua");
    assertThat(proxied.getString("listener")).isEqualTo("main");
    assertThat(own.getInteger("status")).isEqualTo(404);
    assertThat(own.getValue("upstream_name")).isNull();
    assertThat(own.getValue("upstream_reused")).isNull();
  }

  @Test
  void responsesAreCountedByClassForTheListenerAndTheServer() throws Exception {
    int port = start(config("combined").remove("accessLog"));
    try (RawClient client = RawClient.connect(port)) {
      client.exchange(get("/app/a"));
      client.exchange(get("/app/b"));
      client.exchange(get("/app/missing"));
      client.exchange(get("/nowhere"));
      client.exchange(get("/dead/"));
    }
    try (RawClient refused = RawClient.connect(port)) {
      refused.send("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
      refused.read();
    }

    InstanceStats stats = vertx.eventBus().<InstanceStats>request(Addresses.instanceStats(verticle.instanceId()), null)
        .await().body();
    ListenerStats main = stats.listeners().get(0);
    ServerStats server = stats.pools().stream().filter(s -> s.upstream().equals("app")).findFirst().orElseThrow();
    assertThat(main.responses()).isEqualTo(new StatusClasses(0, 2, 0, 3, 1));
    assertThat(server.responses()).isEqualTo(new StatusClasses(0, 2, 0, 1, 0));
    assertThat(Files.exists(file)).as("the access log is off").isFalse();
  }
}
