package io.holdfast.config;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalCodec;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the running {@link ConfigSnapshot}: watches the file (vertx-config), re-reads it on request
 * (SIGHUP), applies changes from the admin API (written back to the file first), and publishes every new
 * snapshot on {@link Addresses#CONFIG_APPLIED}. A config with any error is refused whole; the running one
 * stays.
 */
public final class ConfigVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(ConfigVerticle.class.getName());

  private static final String ADMIN_API = "admin-api";

  private final Path file;
  private ConfigSnapshot running;
  private JsonObject runningDocument;
  // Only to log a refusal once, not at every scan of the same broken file.
  private List<ConfigError> lastRejection = List.of();
  private static final String RAW_KEY = "text";
  private ConfigRejection lastFileRejection = ConfigRejection.NONE;
  private ConfigRetriever retriever;
  // Changes are applied one after another, so two API calls never interleave their file writes.
  private Future<?> queue = Future.succeededFuture();

  public ConfigVerticle(Path file, ConfigSnapshot initial) {
    this.file = file;
    this.running = initial;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    LocalCodec.register(bus, ConfigSnapshot.class);
    LocalCodec.register(bus, ConfigChange.class);
    LocalCodec.register(bus, ConfigChangeResult.class);
    LocalCodec.register(bus, ConfigRejection.class);
    try {
      runningDocument = ConfigLoader.read(file);
    } catch (ConfigLoader.ConfigFileException e) {
      runningDocument = ConfigJson.toJson(running.config());
    }
    bus.consumer(Addresses.CONFIG_CURRENT, msg -> msg.reply(running));
    bus.consumer(Addresses.CONFIG_REJECTION, msg -> msg.reply(lastFileRejection));
    bus.<Void>consumer(Addresses.CONFIG_RELOAD, msg -> enqueue(msg, this::reloadFile));
    bus.<ConfigChange>consumer(Addresses.CONFIG_CHANGE, msg -> enqueue(msg, () -> change(msg.body())));
    watch(running.config().reload());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (retriever != null) {
      retriever.close();
    }
    return Future.succeededFuture();
  }

  private void enqueue(Message<?> msg, java.util.function.Supplier<Future<ConfigChangeResult>> work) {
    queue = queue.transform(ignored -> work.get())
        .onSuccess(msg::reply)
        .onFailure(e -> msg.fail(500, e.getMessage()));
  }

  private Future<ConfigChangeResult> reloadFile() {
    return vertx.fileSystem().readFile(file.toString())
        .map(buffer -> applyFileText(buffer.toString(), "sighup"))
        .recover(e -> Future.succeededFuture(reject(List.of(new ConfigError(file.toString(), e.getMessage())), "sighup")));
  }

  /** The file's text, parsed here so a file that is not JSON is refused (and reported) like any bad config. */
  private ConfigChangeResult applyFileText(String text, String source) {
    JsonObject document;
    try {
      document = ConfigLoader.parseJson(text);
    } catch (ConfigLoader.ConfigFileException e) {
      return reject(List.of(new ConfigError(file.toString(), e.getMessage())), source);
    }
    return apply(document, source);
  }

  private Future<ConfigChangeResult> change(ConfigChange change) {
    JsonObject document = change.kind() == ConfigChange.Kind.PATCH
        ? (JsonObject) JsonMergePatch.apply(runningDocument, change.body())
        : change.body();
    ConfigResult parsed = ConfigParser.parse(document);
    if (!parsed.isValid()) {
      return Future.succeededFuture(reject(parsed.errors(), ADMIN_API));
    }
    String text = document.encodePrettily() + "\n";
    return vertx.executeBlocking(() -> {
      ConfigFile.writeAtomically(file, text);
      return null;
    }, false).map(written -> apply(document, ADMIN_API));
  }

  private ConfigChangeResult apply(JsonObject document, String source) {
    ConfigResult parsed = ConfigParser.parse(document);
    if (!parsed.isValid()) {
      return reject(parsed.errors(), source);
    }
    lastRejection = List.of();
    if (!ADMIN_API.equals(source)) {
      lastFileRejection = ConfigRejection.NONE;
    }
    runningDocument = document;
    if (parsed.config().equals(running.config())) {
      return new ConfigChangeResult(running, List.of());
    }
    ReloadConfig previousReload = running.config().reload();
    var previousShortfall = shortfall(running.config());
    running = new ConfigSnapshot(running.version() + 1, Instant.now(), source, parsed.config());
    LOG.info(() -> "config version " + running.version() + " applied (" + source + ")");
    shortfall(running.config()).filter(s -> !previousShortfall.equals(Optional.of(s))).ifPresent(LOG::warning);
    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, running);
    if (!previousReload.equals(running.config().reload())) {
      watch(running.config().reload());
    }
    return new ConfigChangeResult(running, List.of());
  }

  private static Optional<String> shortfall(HoldfastConfig config) {
    return config.fileDescriptors().shortfall(config.listeners().values());
  }

  private ConfigChangeResult reject(List<ConfigError> errors, String source) {
    if (!errors.equals(lastRejection)) {
      LOG.log(Level.WARNING, () -> "config from " + source + " refused, version " + running.version()
          + " keeps running:\n  " + String.join("\n  ", errors.stream().map(ConfigError::toString).toList()));
    }
    lastRejection = errors;
    if (!ADMIN_API.equals(source)) {
      lastFileRejection = new ConfigRejection(source, Instant.now(), errors);
    }
    return new ConfigChangeResult(running, errors);
  }

  private void watch(ReloadConfig reload) {
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
    retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
        .setScanPeriod(reload.scan().toMillis()).setIncludeDefaultStores(false).addStore(store));
    retriever.listen(change -> {
      String text = change.getNewConfiguration().getString(RAW_KEY, "");
      queue = queue.transform(ignored -> Future.succeededFuture(applyFileText(text, "file")));
    });
  }
}
