package io.holdfast.config;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.ConfigRollback;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.VersionPrecondition;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the running {@link ConfigSnapshot} and its {@link ConfigHistory}: watches the file (vertx-config),
 * re-reads it on request (SIGHUP), applies changes and rollbacks from the admin API (written back to the
 * file first), and publishes every new snapshot on {@link Addresses#CONFIG_APPLIED}. A config with any error
 * is refused whole; the running one stays. A change equal to the running config is no new version.
 */
public final class ConfigVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(ConfigVerticle.class.getName());
  private static final String RAW_KEY = "text";

  private final Path file;
  private ConfigSnapshot running;
  private JsonObject runningDocument;
  private ConfigHistory history;
  // Only to log a refusal once, not at every scan of the same broken file.
  private List<ConfigError> lastRejection = List.of();
  private ConfigRejection lastFileRejection = ConfigRejection.NONE;
  private ConfigRetriever retriever;
  // Changes are applied one after another: two API calls never interleave their file writes, and a
  // precondition is checked in the same step as the apply it guards.
  private Future<?> queue = Future.succeededFuture();

  public ConfigVerticle(Path file, ConfigSnapshot initial) {
    this.file = file;
    this.running = initial;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    for (Class<?> type : List.of(ConfigSnapshot.class, ConfigChange.class, ConfigChangeResult.class,
        ConfigRejection.class, ConfigHistory.class, ConfigRollback.class)) {
      LocalCodec.register(bus, type);
    }
    try {
      runningDocument = ConfigLoader.read(file);
    } catch (ConfigLoader.ConfigFileException e) {
      runningDocument = ConfigJson.toJson(running.config());
    }
    history = ConfigHistory.startingWith(running, runningDocument);
    bus.consumer(Addresses.CONFIG_CURRENT, msg -> msg.reply(running));
    bus.consumer(Addresses.CONFIG_REJECTION, msg -> msg.reply(lastFileRejection));
    bus.consumer(Addresses.CONFIG_HISTORY, msg -> msg.reply(history));
    bus.<Void>consumer(Addresses.CONFIG_RELOAD, msg -> enqueue(msg, this::reloadFile));
    bus.<ConfigChange>consumer(Addresses.CONFIG_CHANGE, msg -> enqueue(msg, () -> change(msg.body())));
    bus.<ConfigRollback>consumer(Addresses.CONFIG_ROLLBACK, msg -> enqueue(msg, () -> rollback(msg.body())));
    watch(running.config());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (retriever != null) {
      retriever.close();
    }
    return Future.succeededFuture();
  }

  private void enqueue(Message<?> msg, Supplier<Future<ConfigChangeResult>> work) {
    queue = queue.transform(ignored -> work.get())
        .onSuccess(msg::reply)
        .onFailure(e -> msg.fail(500, e.getMessage()));
  }

  private Future<ConfigChangeResult> reloadFile() {
    return vertx.fileSystem().readFile(file.toString())
        .map(buffer -> applyFileText(buffer.toString(), ConfigSnapshot.SIGHUP))
        .recover(e -> Future.succeededFuture(
            reject(List.of(new ConfigError(file.toString(), e.getMessage())), ConfigSnapshot.SIGHUP)));
  }

  /** The file's text, parsed here so a file that is not JSON is refused (and reported) like any bad config. */
  private ConfigChangeResult applyFileText(String text, String source) {
    JsonObject document;
    try {
      document = ConfigLoader.parseJson(text);
    } catch (ConfigLoader.ConfigFileException e) {
      return reject(List.of(new ConfigError(file.toString(), e.getMessage())), source);
    }
    ConfigResult parsed = ConfigParser.parse(document);
    if (!parsed.isValid()) {
      return reject(parsed.errors(), source);
    }
    lastRejection = List.of();
    lastFileRejection = ConfigRejection.NONE;
    runningDocument = document;
    if (parsed.config().equals(running.config())) {
      return ConfigChangeResult.unchanged(running);
    }
    return commit(document, parsed.config(), source, 0);
  }

  private Future<ConfigChangeResult> change(ConfigChange change) {
    JsonObject document = change.kind() == ConfigChange.Kind.PATCH
        ? (JsonObject) JsonMergePatch.apply(runningDocument, change.body())
        : change.body();
    return persist(change.precondition(), () -> Optional.of(document), ConfigSnapshot.API, 0);
  }

  private Future<ConfigChangeResult> rollback(ConfigRollback rollback) {
    return persist(rollback.precondition(),
        // A rollback restores tuning, never a credential: a token rotated since must not come back.
        () -> history.find(rollback.version())
            .map(v -> ConfigJson.withToken(v.document(), running.config().admin().token())),
        ConfigSnapshot.ROLLBACK, rollback.version());
  }

  /**
   * An API write: precondition, validation, then the file, then the apply, as one step of the queue. A
   * document equal in effect to the running config changes nothing: no new version, no file write.
   */
  private Future<ConfigChangeResult> persist(VersionPrecondition precondition, Supplier<Optional<JsonObject>> target,
      String source, long rollbackOf) {
    if (!precondition.matches(running.version())) {
      return Future.succeededFuture(ConfigChangeResult.stale(running));
    }
    Optional<JsonObject> document = target.get();
    if (document.isEmpty()) {
      return Future.succeededFuture(ConfigChangeResult.unknownVersion(running, history.whyMissing(rollbackOf)));
    }
    ConfigResult parsed = ConfigParser.parse(document.get());
    if (!parsed.isValid()) {
      return Future.succeededFuture(reject(parsed.errors(), source));
    }
    if (parsed.config().equals(running.config())) {
      return Future.succeededFuture(ConfigChangeResult.unchanged(running));
    }
    String text = document.get().encodePrettily() + "\n";
    return vertx.executeBlocking(() -> {
      ConfigFile.writeAtomically(file, text);
      return null;
    }, false).map(written -> commit(document.get(), parsed.config(), source, rollbackOf));
  }

  private ConfigChangeResult commit(JsonObject document, HoldfastConfig config, String source, long rollbackOf) {
    ReloadConfig previousReload = running.config().reload();
    var previousFiles = watchedFiles(running.config());
    var previousShortfall = shortfall(running.config());
    lastRejection = List.of();
    runningDocument = document;
    running = new ConfigSnapshot(running.version() + 1, Instant.now(), source, config);
    history = history.record(running, document, rollbackOf);
    LOG.info(() -> "config version " + running.version() + " applied (" + source
        + (rollbackOf > 0 ? " of version " + rollbackOf : "") + ")");
    shortfall(running.config()).filter(s -> !previousShortfall.equals(Optional.of(s))).ifPresent(LOG::warning);
    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, running);
    if (!previousReload.equals(running.config().reload()) || !previousFiles.equals(watchedFiles(running.config()))) {
      watch(running.config());
    }
    return ConfigChangeResult.newVersion(running);
  }

  private static Optional<String> shortfall(HoldfastConfig config) {
    return config.fileDescriptors().shortfall(config.listeners().values());
  }

  private ConfigChangeResult reject(List<ConfigError> errors, String source) {
    // A SIGHUP's requester reports its own refusal; logging it here too printed it twice.
    if (!errors.equals(lastRejection) && !ConfigSnapshot.SIGHUP.equals(source)) {
      LOG.log(Level.WARNING, () -> "config from " + source + " refused, version " + running.version()
          + " keeps running:\n  " + String.join("\n  ", errors.stream().map(ConfigError::toString).toList()));
    }
    lastRejection = errors;
    if (ConfigSnapshot.FILE.equals(source) || ConfigSnapshot.SIGHUP.equals(source)) {
      lastFileRejection = new ConfigRejection(source, Instant.now(), errors);
    }
    return ConfigChangeResult.refused(running, errors);
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
    // so the refusal would not show in GET /config's lastRejected.
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
    retriever.listen(change -> {
      String text = change.getNewConfiguration().getString(RAW_KEY, "");
      queue = queue.transform(ignored -> Future.succeededFuture(applyFileText(text, ConfigSnapshot.FILE)));
    });
  }

  private static java.util.Set<String> watchedFiles(HoldfastConfig config) {
    java.util.Set<String> paths = new java.util.LinkedHashSet<>();
    config.tlsFiles().values().forEach(f -> paths.add(f.path()));
    return paths;
  }
}
