package io.holdfast.listener;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.ListenerBinding;
import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code listeners.<name>.compression} changes at runtime apply to the next response on a connection that
 * stays open: compression is decided per response, so no rebind (a rebind would close idle connections).
 */
class CompressionReloadTest {

  private static final String BODY = "{\"items\":[" + "{\"id\":1,\"name\":\"compressible\"},".repeat(200) + "{}]}";

  private Vertx vertx;
  private HttpServer upstream;
  private final Set<Long> applied = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
    upstream = vertx.createHttpServer()
        .requestHandler(r -> r.response().putHeader("content-type", "application/json").end(Buffer.buffer(BODY)))
        .listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  private TestConfig config() {
    return TestConfig.proxying(upstream.actualPort());
  }

  /** Publishes {@code snapshot} as the config service does and waits until the listener applied it. */
  private void apply(ConfigSnapshot snapshot) {
    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, snapshot);
    await().until(() -> applied.contains(snapshot.version()));
  }

  @Test
  void turningCompressionOnAndChangingItAppliesToTheNextResponseOnTheSameConnection() throws Exception {
    ListenerVerticle verticle = new ListenerVerticle(config().snapshot(1));
    vertx.deployVerticle(verticle).await();
    vertx.eventBus().<ListenerBinding>localConsumer(Addresses.LISTENER_BINDING,
        m -> applied.add(m.body().configVersion())).completion().await();
    int port = verticle.boundPort(TestConfig.LISTENER);
    String request = get("/data", "Accept-Encoding: gzip");

    try (RawClient client = RawClient.connect(port)) {
      RawClient.Response off = client.exchange(request);
      assertThat(off.header("content-encoding")).isNull();
      assertThat(off.header("vary")).isNull();
      assertThat(off.body()).isEqualTo(BODY);

      apply(config().set("listeners.main.compression", new JsonObject()).snapshot(2));
      RawClient.Response on = client.exchange(request);
      assertThat(on.header("content-encoding")).isEqualTo("gzip");
      assertThat(on.header("vary")).isEqualTo("Accept-Encoding");
      assertThat(gunzip(on.body())).isEqualTo(BODY);

      apply(config().set("listeners.main.compression", new JsonObject()
          .put("minLength", BODY.length() + 1).put("algorithms", new JsonArray().add("gzip"))).snapshot(3));
      RawClient.Response tooShort = client.exchange(request);
      assertThat(tooShort.header("content-encoding")).isNull();
      assertThat(tooShort.header("vary")).isEqualTo("Accept-Encoding");

      apply(config().set("listeners.main.compression", new JsonObject().put("enabled", false)).snapshot(4));
      RawClient.Response offAgain = client.exchange(request);
      assertThat(offAgain.header("content-encoding")).isNull();
      assertThat(offAgain.header("vary")).isNull();
      assertThat(offAgain.body()).isEqualTo(BODY);
    }
    assertThat(verticle.boundPort(TestConfig.LISTENER)).isEqualTo(port);
  }

  private static String gunzip(String latin1) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(latin1.getBytes(StandardCharsets.ISO_8859_1)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
