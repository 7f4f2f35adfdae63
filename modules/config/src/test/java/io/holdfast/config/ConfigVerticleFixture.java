package io.holdfast.config;

import io.holdfast.bus.Addresses;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What the tests of the real {@link ConfigVerticle} start from: the verticle deployed on its own Vert.x with
 * every snapshot it publishes on {@link Addresses#CONFIG_APPLIED} recorded; Vert.x is closed after each test.
 */
abstract class ConfigVerticleFixture {

  Vertx vertx;
  final List<ConfigSnapshot> published = new CopyOnWriteArrayList<>();

  void deploy(ConfigVerticle verticle) throws Exception {
    vertx = Vertx.vertx();
    vertx.eventBus().<ConfigSnapshot>consumer(Addresses.CONFIG_APPLIED, m -> published.add(m.body()));
    vertx.deployVerticle(verticle).await(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }
}
