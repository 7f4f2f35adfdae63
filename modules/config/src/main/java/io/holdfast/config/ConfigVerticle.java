package io.holdfast.config;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.ConfigRollback;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.LocalDelivery;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Owns the running {@link ConfigSnapshot} and its {@link ConfigHistory} (kept by {@link ConfigChanges}):
 * watches the file (vertx-config), re-reads it on request (SIGHUP), takes changes and rollbacks from the
 * admin API, and publishes every new snapshot on {@link Addresses#CONFIG_APPLIED}. Who numbers a change and
 * who else applies it is the {@link ChangeCoordinator}'s business: this process alone, or a fleet, which
 * also hands this verticle other nodes' versions ({@link Addresses#CONFIG_ADOPT}) and asks it to check
 * theirs ({@link Addresses#CONFIG_CHECK}). A config with any error is refused whole; the running one stays.
 * Every address here is local.
 */
public final class ConfigVerticle extends VerticleBase {

  private static final String RAW_KEY = "text";

  private final Path file;
  private final ConfigSnapshot initial;
  private final ChangeCoordinator coordinator;
  private ConfigChanges changes;
  private ConfigRetriever retriever;

  public ConfigVerticle(Path file, ConfigSnapshot initial) {
    this(file, initial, ChangeCoordinator.ALONE);
  }

  public ConfigVerticle(Path file, ConfigSnapshot initial, ChangeCoordinator coordinator) {
    this.file = file;
    this.initial = initial;
    this.coordinator = coordinator;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    for (Class<?> type : List.of(ConfigSnapshot.class, ConfigChange.class, ConfigChangeResult.class,
        ConfigRejection.class, ConfigHistory.class, ConfigRollback.class, FleetChange.class)) {
      LocalCodec.register(bus, type);
    }
    changes = new ConfigChanges(vertx, file, initial, coordinator.initialChangeId(), this::applied);
    bus.localConsumer(Addresses.CONFIG_CURRENT, msg -> msg.reply(changes.running()));
    bus.localConsumer(Addresses.CONFIG_REJECTION, msg -> msg.reply(changes.lastFileRejection()));
    bus.localConsumer(Addresses.CONFIG_HISTORY, msg -> msg.reply(changes.history()));
    bus.<Void>localConsumer(Addresses.CONFIG_RELOAD,
        msg -> answer(msg, change(ChangeRequest.file(ConfigSnapshot.SIGHUP))));
    bus.<ConfigChange>localConsumer(Addresses.CONFIG_CHANGE,
        msg -> answer(msg, change(ChangeRequest.api(msg.body()))));
    bus.<ConfigRollback>localConsumer(Addresses.CONFIG_ROLLBACK,
        msg -> answer(msg, change(ChangeRequest.rollback(msg.body()))));
    bus.<FleetChange>localConsumer(Addresses.CONFIG_ADOPT, msg -> answer(msg, changes.adopt(msg.body())));
    bus.<JsonObject>localConsumer(Addresses.CONFIG_CHECK, msg -> answer(msg, changes.check(msg.body())));
    watch(initial.config());
    coordinator.start(vertx, changes);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    coordinator.stop();
    if (retriever != null) {
      retriever.close();
    }
    return Future.succeededFuture();
  }

  private Future<ConfigChangeResult> change(ChangeRequest request) {
    return coordinator.change(request, changes);
  }

  private static void answer(Message<?> msg, Future<ConfigChangeResult> result) {
    result.onSuccess(msg::reply).onFailure(e -> msg.fail(500, String.valueOf(e.getMessage())));
  }

  private void applied(ConfigSnapshot previous, ConfigSnapshot running) {
    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, running, LocalDelivery.options());
    if (!previous.config().reload().equals(running.config().reload())
        || !watchedFiles(previous.config()).equals(watchedFiles(running.config()))) {
      watch(running.config());
    }
  }

  /**
   * Watches the config file and every TLS file the running config read, at {@code reload.scan}: a change to
   * any of them re-applies the config file's text, which re-reads the TLS files, so a renewed CA file with
   * an unchanged config still makes a new version. A TLS file that disappears is seen as a change too (its
   * store is optional) and the re-apply refuses it with its key path; the running config stays.
   */
  private void watch(HoldfastConfig config) {
    ReloadConfig reload = config.reload();
    if (retriever != null) {
      retriever.close();
      retriever = null;
    }
    if (!reload.watch()) {
      return;
    }
    // Read as raw text, not as "json": vertx-config would log a file that is not JSON and never tell us,
    // so the refusal would not show in GET /config's lastRejected. The text only says "it changed": the
    // change reads the file again in its turn.
    ConfigStoreOptions store = new ConfigStoreOptions().setType("file").setFormat("raw")
        .setConfig(new JsonObject().put("path", file.toString()).put("raw.key", RAW_KEY).put("raw.type", "string"));
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setScanPeriod(reload.scan().toMillis()).setIncludeDefaultStores(false).addStore(store);
    int i = 0;
    for (String tlsFile : watchedFiles(config)) {
      options.addStore(new ConfigStoreOptions().setType("file").setFormat("raw").setOptional(true)
          .setConfig(new JsonObject().put("path", tlsFile).put("raw.key", "tls-file-" + i++).put("raw.type", "binary")));
    }
    retriever = ConfigRetriever.create(vertx, options);
    retriever.listen(change -> change(ChangeRequest.file(ConfigSnapshot.FILE)));
  }

  private static Set<String> watchedFiles(HoldfastConfig config) {
    Set<String> paths = new LinkedHashSet<>();
    config.tlsFiles().values().forEach(f -> paths.add(f.path()));
    return paths;
  }
}
