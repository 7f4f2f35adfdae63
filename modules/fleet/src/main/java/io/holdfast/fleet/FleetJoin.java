package io.holdfast.fleet;

import io.holdfast.config.ConfigError;
import io.holdfast.config.ConfigFile;
import io.holdfast.config.ConfigJson;
import io.holdfast.config.ConfigLoader;
import io.holdfast.config.ConfigParser;
import io.holdfast.config.ConfigResult;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.FleetChange;
import io.holdfast.config.NodeLocalKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A node joining the fleet, before it serves: it takes the fleet's latest version (with its own node-local
 * keys, written to its own file) when there is one, or records its own file's config as the fleet's when it
 * is the first node. A fleet version this node cannot run, or a fleet that does not answer, leaves it on its
 * file: it serves, and the {@link Reconciler} keeps trying.
 */
public final class FleetJoin {

  /** The config to start with, and the fleet change it is ({@code ""}: not the fleet's yet). */
  public record Joined(ConfigSnapshot snapshot, String changeId) {
  }

  private static final Logger LOG = Logger.getLogger(FleetJoin.class.getName());

  private FleetJoin() {
  }

  public static Future<Joined> join(Vertx vertx, Path file, ConfigSnapshot fromFile, FleetNode self) {
    FleetStore store = new FleetStore(vertx);
    return store.exclusively(FleetCoordinator.LOCK_WAIT, () -> store.latest().compose(latest -> latest.isPresent()
            ? adopt(vertx, file, fromFile, latest.get())
            : seed(store, file, fromFile, self)))
        .recover(e -> {
          LOG.warning("could not read the fleet's config (" + e.getMessage() + "); starting on " + file
              + " and catching up later");
          return Future.succeededFuture(new Joined(fromFile, ""));
        });
  }

  private static Future<Joined> seed(FleetStore store, Path file, ConfigSnapshot fromFile, FleetNode self) {
    String changeId = UUID.randomUUID().toString();
    FleetChange first = new FleetChange(fromFile.version(), own(file, fromFile), fromFile.source(), 0, changeId,
        self.address());
    LOG.info(() -> "first node of the fleet: its config (" + file + ") is the fleet's version " + fromFile.version());
    return store.put(first).map(new Joined(fromFile, changeId));
  }

  private static Future<Joined> adopt(Vertx vertx, Path file, ConfigSnapshot fromFile, FleetChange fleet) {
    JsonObject own = own(file, fromFile);
    JsonObject document = NodeLocalKeys.overlay(fleet.document(), own);
    ConfigResult parsed = ConfigParser.parse(document);
    if (!parsed.isValid()) {
      LOG.warning(() -> "this node cannot run the fleet's config version " + fleet.version() + " and starts on "
          + file + ":\n  " + parsed.errors().stream().map(ConfigError::toString).collect(Collectors.joining("\n  ")));
      return Future.succeededFuture(new Joined(fromFile, ""));
    }
    ConfigSnapshot snapshot = new ConfigSnapshot(fleet.version(), Instant.now(), fleet.source(), parsed.config());
    Future<Void> written = document.equals(own) ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      ConfigFile.writeAtomically(file, document.encodePrettily() + "\n");
      return null;
    }, false);
    return written.map(ok -> {
      LOG.info(() -> "running the fleet's config version " + fleet.version()
          + (document.equals(own) ? "" : " (written to " + file + ")"));
      return new Joined(snapshot, fleet.changeId());
    });
  }

  private static JsonObject own(Path file, ConfigSnapshot fromFile) {
    return Optional.ofNullable(readQuietly(file)).orElseGet(() -> ConfigJson.toJson(fromFile.config()));
  }

  private static JsonObject readQuietly(Path file) {
    try {
      return ConfigLoader.read(file);
    } catch (ConfigLoader.ConfigFileException e) {
      return null;
    }
  }
}
