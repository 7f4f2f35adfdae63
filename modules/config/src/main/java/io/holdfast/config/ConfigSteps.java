package io.holdfast.config;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * What the config verticle lets a {@link ChangeCoordinator} do. Each step runs in the verticle's queue, one
 * after another, so a step sees the state the previous one left; the getters read that state and are for
 * the verticle's own event loop.
 */
public interface ConfigSteps {

  ConfigSnapshot running();

  /** The fleet change the running config came from ({@code ""} when it was made alone). */
  String changeId();

  /** The document behind the running config (may hold {@code admin.token}: never show it). */
  JsonObject runningDocument();

  /** One step: validate {@code request} and apply it as the running version plus one. */
  Future<ConfigChangeResult> applyHere(ChangeRequest request);

  /** Validate {@code request} against the running config without applying it. */
  Future<Candidate> prepare(ChangeRequest request);

  /**
   * Apply {@code candidate} (from {@link #prepare}) as {@code version}, which must be past the running one:
   * the file is written first (unless it holds the document already), then the config applies.
   */
  Future<ConfigChangeResult> commit(Candidate candidate, long version, String changeId);

  /**
   * Apply another node's version with this node's own {@link NodeLocalKeys}, as that version number, even when
   * the result equals the running config (every node runs the fleet's version). Refused when invalid here, or
   * {@link ConfigChangeResult.Outcome#STALE} when the version is not past the running one.
   */
  Future<ConfigChangeResult> adopt(FleetChange change);

  /** Whether this node would accept {@code fleetDocument} (with its own node-local keys); applies nothing. */
  Future<ConfigChangeResult> check(JsonObject fleetDocument);
}
