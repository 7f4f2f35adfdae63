package io.holdfast.config;

import io.vertx.core.json.JsonObject;

/**
 * A change validated against the running config but not applied: either the answer that ends it here
 * ({@code answer}: refused, stale, unchanged, unknown version) or a valid new config with the document
 * that produced it. {@code inFile} says the document is already the file's content (a file read), so
 * applying it writes nothing.
 */
public record Candidate(ConfigChangeResult answer, JsonObject document, HoldfastConfig config, String source,
    long rollbackOf, boolean inFile) {

  static Candidate done(ConfigChangeResult answer) {
    return new Candidate(answer, null, null, null, 0, false);
  }

  static Candidate of(JsonObject document, HoldfastConfig config, String source, long rollbackOf, boolean inFile) {
    return new Candidate(null, document, config, source, rollbackOf, inFile);
  }

  /** True when there is nothing to apply: {@link #answer()} is the result. */
  public boolean done() {
    return answer != null;
  }

  /** A copy: the candidate's own document never changes. */
  @Override
  public JsonObject document() {
    return document == null ? null : document.copy();
  }
}
