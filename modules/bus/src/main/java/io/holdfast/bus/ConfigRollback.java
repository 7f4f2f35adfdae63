package io.holdfast.bus;

/**
 * A request to the config verticle: apply the config of an earlier {@code version} again, as a new version
 * whose source is {@code rollback}, provided {@code precondition} holds for the running version.
 */
public record ConfigRollback(long version, VersionPrecondition precondition) {
}
