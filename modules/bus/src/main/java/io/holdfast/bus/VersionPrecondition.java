package io.holdfast.bus;

import java.util.Collection;
import java.util.Set;

/**
 * A config write's condition on the running config version (HTTP {@code If-Match}). It travels with the
 * write to the config verticle, which checks it in the same step that applies the write, so two operators
 * editing at once cannot both win: the second gets a precondition failure, not a silent overwrite.
 */
public record VersionPrecondition(boolean any, Set<Long> versions) {

  /** No condition (no {@code If-Match}, or {@code If-Match: *}: a running config always exists). */
  public static final VersionPrecondition ANY = new VersionPrecondition(true, Set.of());

  public VersionPrecondition {
    versions = Set.copyOf(versions);
  }

  /** Holds only while one of {@code versions} runs; an empty collection never holds. */
  public static VersionPrecondition oneOf(Collection<Long> versions) {
    return new VersionPrecondition(false, Set.copyOf(versions));
  }

  public boolean matches(long runningVersion) {
    return any || versions.contains(runningVersion);
  }
}
