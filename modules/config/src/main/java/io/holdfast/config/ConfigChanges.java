package io.holdfast.config;

import io.holdfast.bus.ConfigRollback;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The config verticle's state — running snapshot, the document behind it, history, last refusal — and every
 * step that changes it, queued on a {@link StepQueue} so that steps never interleave: a precondition is
 * checked in the same step as the apply it guards, and two writes never race on the file.
 */
final class ConfigChanges implements ConfigSteps {

  private final Vertx vertx;
  private final Path file;
  private final BiConsumer<ConfigSnapshot, ConfigSnapshot> applied;
  private ConfigSnapshot running;
  private JsonObject runningDocument;
  private ConfigHistory history;
  private String changeId;
  private final Refusals refusals = new Refusals();
  private final StepQueue steps = new StepQueue();

  /** {@code applied} hears (previous, new) after each new version is running. */
  ConfigChanges(Vertx vertx, Path file, ConfigSnapshot initial, String changeId,
      BiConsumer<ConfigSnapshot, ConfigSnapshot> applied) {
    this.vertx = vertx;
    this.file = file;
    this.running = initial;
    this.changeId = changeId;
    this.applied = applied;
    try {
      runningDocument = ConfigLoader.read(file);
    } catch (ConfigLoader.ConfigFileException e) {
      runningDocument = ConfigJson.toJson(initial.config());
    }
    history = ConfigHistory.startingWith(initial, runningDocument);
  }

  @Override
  public ConfigSnapshot running() {
    return running;
  }

  @Override
  public String changeId() {
    return changeId;
  }

  @Override
  public JsonObject runningDocument() {
    return runningDocument.copy();
  }

  ConfigHistory history() {
    return history;
  }

  ConfigRejection lastFileRejection() {
    return refusals.lastFile();
  }

  @Override
  public Future<ConfigChangeResult> applyHere(ChangeRequest request) {
    return steps.enqueue(() -> candidate(request).compose(c -> c.done() ? Future.succeededFuture(c.answer())
        : write(c).map(ok -> apply(c, running.version() + 1, ""))));
  }

  @Override
  public Future<Candidate> prepare(ChangeRequest request) {
    return steps.enqueue(() -> candidate(request));
  }

  @Override
  public Future<ConfigChangeResult> commit(Candidate candidate, long version, String id) {
    return steps.enqueue(() -> {
      if (!id.isEmpty() && id.equals(changeId)) {
        // Adopted from the fleet's map already (the reconciler read it first): the same change runs.
        return Future.succeededFuture(ConfigChangeResult.newVersion(running));
      }
      if (version <= running.version()) {
        return Future.failedFuture("version " + version + " is not past the running version " + running.version());
      }
      return write(candidate).map(ok -> apply(candidate, version, id));
    });
  }

  @Override
  public Future<ConfigChangeResult> adopt(FleetChange change) {
    return steps.enqueue(() -> {
      if (change.changeId().equals(changeId)) {
        return Future.succeededFuture(ConfigChangeResult.unchanged(running));
      }
      if (change.version() <= running.version()) {
        return Future.succeededFuture(ConfigChangeResult.stale(running));
      }
      JsonObject document = NodeLocalKeys.overlay(change.document(), runningDocument);
      ConfigResult parsed = ConfigParser.parse(document);
      if (!parsed.isValid()) {
        return Future.succeededFuture(reject(parsed.errors(), "the fleet (version " + change.version() + ")"));
      }
      Candidate candidate = Candidate.of(document, parsed.config(), change.source(), change.rollbackOf(), false);
      return write(candidate).map(ok -> apply(candidate, change.version(), change.changeId()));
    });
  }

  @Override
  public Future<ConfigChangeResult> check(JsonObject fleetDocument) {
    return steps.enqueue(() -> {
      ConfigResult parsed = ConfigParser.parse(NodeLocalKeys.overlay(fleetDocument, runningDocument));
      return Future.succeededFuture(new ConfigChangeResult(running, parsed.errors()));
    });
  }

  private Future<Candidate> candidate(ChangeRequest request) {
    if (request.fromFile()) {
      // Read now, not when the watcher saw it: a later write of ours must not be undone by an older text.
      return vertx.fileSystem().readFile(file.toString())
          .map(buffer -> fileCandidate(buffer.toString(), request.source()))
          .recover(e -> Future.succeededFuture(Candidate.done(
              reject(List.of(new ConfigError(file.toString(), e.getMessage())), request.source()))));
    }
    if (!request.precondition().matches(running.version())) {
      return Future.succeededFuture(Candidate.done(ConfigChangeResult.stale(running)));
    }
    ConfigRollback rollback = request.rollback();
    Optional<JsonObject> document = rollback == null ? Optional.of(changed(request.change()))
        // A rollback restores tuning, never a credential: a token rotated since must not come back.
        : history.find(rollback.version())
            .map(v -> ConfigJson.withToken(v.document(), running.config().admin().token()));
    if (document.isEmpty()) {
      return Future.succeededFuture(Candidate.done(
          ConfigChangeResult.unknownVersion(running, history.whyMissing(rollback.version()))));
    }
    return Future.succeededFuture(validated(document.get(), request.source(),
        rollback == null ? 0 : rollback.version(), false));
  }

  private JsonObject changed(ConfigChange change) {
    return change.kind() == ConfigChange.Kind.PATCH
        ? (JsonObject) JsonMergePatch.apply(runningDocument, change.body())
        : change.body();
  }

  /** The file's text, parsed here so a file that is not JSON is refused (and reported) like any bad config. */
  private Candidate fileCandidate(String text, String source) {
    JsonObject document;
    try {
      document = ConfigLoader.parseJson(text);
    } catch (ConfigLoader.ConfigFileException e) {
      return Candidate.done(reject(List.of(new ConfigError(file.toString(), e.getMessage())), source));
    }
    Candidate candidate = validated(document, source, 0, true);
    if (!candidate.done() || candidate.answer().applied()) {
      refusals.fileAccepted();
      runningDocument = candidate.done() ? document : runningDocument;
    }
    return candidate;
  }

  private Candidate validated(JsonObject document, String source, long rollbackOf, boolean inFile) {
    ConfigResult parsed = ConfigParser.parse(document);
    if (!parsed.isValid()) {
      return Candidate.done(reject(parsed.errors(), source));
    }
    if (parsed.config().equals(running.config())) {
      return Candidate.done(ConfigChangeResult.unchanged(running));
    }
    return Candidate.of(document, parsed.config(), source, rollbackOf, inFile);
  }

  private Future<Void> write(Candidate candidate) {
    if (candidate.inFile()) {
      return Future.succeededFuture();
    }
    return ConfigFile.write(vertx, file, candidate.document());
  }

  private ConfigChangeResult apply(Candidate candidate, long version, String id) {
    ConfigSnapshot previous = running;
    refusals.applied();
    runningDocument = candidate.document();
    changeId = id;
    running = new ConfigSnapshot(version, Instant.now(), candidate.source(), candidate.config());
    history = history.record(running, runningDocument, candidate.rollbackOf());
    AppliedVersionLog.applied(previous, running, candidate.rollbackOf());
    applied.accept(previous, running);
    return ConfigChangeResult.newVersion(running);
  }

  private ConfigChangeResult reject(List<ConfigError> errors, String source) {
    return refusals.refuse(errors, source, running);
  }
}
