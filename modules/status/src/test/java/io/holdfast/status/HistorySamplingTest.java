package io.holdfast.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.InstanceAnnouncement;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerBinding;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.StatusQuery;
import io.holdfast.config.ConfigSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status verticle samples on its own, publishes a frame per sample and answers history and advice. */
class HistorySamplingTest {

  private Vertx vertx;
  private final List<JsonObject> published = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), InstanceStats.class);
    LocalCodec.register(vertx.eventBus(), InstanceAnnouncement.class);
    LocalCodec.register(vertx.eventBus(), ListenerBinding.class);
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
    vertx.eventBus().<String>consumer(Addresses.STATUS_SAMPLE, m -> published.add(new JsonObject(m.body())))
        .completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    new FakeInstance(vertx, Samples.instanceA()).start();
    new FakeInstance(vertx, Samples.instanceB()).start();
    vertx.deployVerticle(new StatusVerticle(Samples.RUNTIME, Samples.snapshot(1, 8080), Duration.ofMillis(500),
        Duration.ofMillis(100))).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void everyPeriodAFrameWithTheStatusDocumentRatesAndAdviceIsPublishedWithoutAnyoneAsking() {
    await().atMost(Duration.ofSeconds(5)).until(() -> published.stream()
        .anyMatch(f -> f.getJsonObject("status").getInteger("instances") == 2 && f.getJsonObject("rates") != null));

    JsonObject frame = published.get(published.size() - 1);
    assertThat(frame.getJsonObject("status").getLong("requests")).isEqualTo(170);
    assertThat(frame.getJsonObject("status").getJsonObject("config").getLong("version")).isEqualTo(1);
    assertThat(frame.getJsonObject("rates").getJsonObject("listeners").getJsonObject("main")
        .getInteger("waiting")).isEqualTo(4);
    assertThat(frame.getJsonArray("advice")).isEmpty();
    assertThat(frame.getBoolean("tokenRequired")).isFalse();
  }

  @Test
  void historyBackfillsTheRatesOfEverySampledIntervalAndTheLatestFrame() throws Exception {
    await().atMost(Duration.ofSeconds(5)).until(() -> published.size() >= 4);

    JsonObject history = new JsonObject(query(StatusQuery.HISTORY));

    JsonArray frames = history.getJsonArray("frames");
    assertThat(frames.size()).isGreaterThanOrEqualTo(3);
    long previous = 0;
    for (int i = 0; i < frames.size(); i++) {
      long at = frames.getJsonObject(i).getLong("at");
      assertThat(at).isGreaterThan(previous);
      previous = at;
    }
    assertThat(history.getJsonObject("latest").getLong("at")).isGreaterThanOrEqualTo(previous);
  }

  @Test
  void adviceIsAnEmptyArrayWithoutEnoughTraffic() throws Exception {
    await().atMost(Duration.ofSeconds(5)).until(() -> published.size() >= 2);

    assertThat(query(StatusQuery.ADVICE)).isEqualTo("[]");
  }

  private String query(StatusQuery query) throws Exception {
    return vertx.eventBus().<String>request(Addresses.STATUS_QUERY, query)
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body();
  }
}
