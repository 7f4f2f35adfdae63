package io.holdfast.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard, its stream and /advice: open like the status endpoints, even with a token set. */
class AdminDashboardTest {

  private static final String TOKEN = "s3cret-token";

  private Vertx vertx;
  private AdminClient client;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    new ConfigStandIn(vertx, TOKEN);
    StatusStandIns.deploy(vertx, ConfigStandIn.snapshot(1, TOKEN));
    AdminVerticle admin = new AdminVerticle(ConfigStandIn.snapshot(1, TOKEN).config().admin(), 4096);
    vertx.deployVerticle(admin).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    port = admin.actualPort();
    client = new AdminClient(vertx, port);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void theRootRedirectsToTheDashboard() throws Exception {
    AdminClient.Response root = client.get("/");

    assertThat(root.status()).isEqualTo(302);
    assertThat(root.header("Location")).isEqualTo("/dashboard");
  }

  @Test
  void thePageAndItsAssetsLoadWithoutTheTokenUnderAStrictContentSecurityPolicy() throws Exception {
    AdminClient.Response page = client.get("/dashboard");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").doesNotContain("unsafe-inline");
    assertThat(page.body()).contains("<script src=\"/dashboard/app.js\"").doesNotContain("http://", "https://");

    AdminClient.Response script = client.get("/dashboard/app.js");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Content-Type")).startsWith("text/javascript");
    assertThat(script.body()).contains("new EventSource('/dashboard/stream')");
    assertThat(client.get("/dashboard/app.css").header("Content-Type")).startsWith("text/css");
  }

  @Test
  void adviceIsOpenJson() throws Exception {
    AdminClient.Response advice = client.get("/advice");

    assertThat(advice.status()).isEqualTo(200);
    assertThat(advice.header("Content-Type")).isEqualTo("application/json");
    assertThat(advice.body()).isEqualTo("[]");
  }

  @Test
  void theStreamBackfillsTheHistoryThenPushesEverySample() throws Exception {
    StringBuilder received = new StringBuilder();
    HttpClient http = vertx.createHttpClient();
    HttpClientResponse response = http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
            .setPort(port).setURI("/dashboard/stream"))
        .compose(req -> req.send())
        .onSuccess(res -> res.handler(chunk -> {
          synchronized (received) {
            received.append(chunk.toString());
          }
        }))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
    // The status verticle samples every 2 s: one sample arrives after the backfill.
    await().atMost(Duration.ofSeconds(6)).until(() -> text(received).contains("event: sample\n"));
    String stream = text(received);
    assertThat(stream).startsWith("retry: 2000\n\nevent: history\ndata: {");
    String sample = stream.substring(stream.indexOf("event: sample\ndata: ") + 20);
    JsonObject frame = new JsonObject(sample.substring(0, sample.indexOf('\n')));
    assertThat(frame.getJsonObject("status").getLong("requests")).isEqualTo(120);
    assertThat(frame.getBoolean("tokenRequired")).isTrue();
  }

  private static String text(StringBuilder received) {
    synchronized (received) {
      return received.toString();
    }
  }
}
