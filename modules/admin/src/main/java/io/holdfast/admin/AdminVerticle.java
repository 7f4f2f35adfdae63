package io.holdfast.admin;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.ConfigRollback;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.StatusQuery;
import io.holdfast.config.AdminConfig;
import io.holdfast.config.ConfigChange;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigHistory;
import io.holdfast.config.ConfigSnapshot;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import java.util.List;

/**
 * Owns the admin port: status, metrics and health for monitoring, the config API for operators
 * (endpoints in docs/admin-api.md and /openapi.json). Serves on {@code admin.host:admin.port} and moves
 * there when an applied config names another address. A taken port fails start with
 * {@link io.holdfast.bus.PortInUseException}.
 */
public final class AdminVerticle extends VerticleBase {

  private final AdminConfig admin;
  private final int bodyLimit;
  private AdminServer server;

  public AdminVerticle(AdminConfig admin) {
    this(admin, BodyReader.DEFAULT_LIMIT);
  }

  /** {@code bodyLimit}: the largest PUT/PATCH body accepted, in bytes (413 past it). */
  public AdminVerticle(AdminConfig admin, int bodyLimit) {
    this.admin = admin;
    this.bodyLimit = bodyLimit;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    for (Class<?> type : List.of(StatusQuery.class, ConfigSnapshot.class, ConfigChange.class,
        ConfigChangeResult.class, ConfigHistory.class, ConfigRollback.class)) {
      LocalCodec.register(bus, type);
    }
    server = new AdminServer(vertx, new AdminRoutes(bus, bodyLimit));
    return server.bind(admin.host(), admin.port())
        .compose(v -> bus.<ConfigSnapshot>localConsumer(Addresses.CONFIG_APPLIED, m -> {
          AdminConfig next = m.body().config().admin();
          server.rebind(next.host(), next.port());
        }).completion());
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The port the admin API is bound to; useful when it was configured as 0. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
