/**
 * The configuration: one immutable, validated snapshot. Start at {@link io.holdfast.config.ConfigParser}
 * (JSON to {@link io.holdfast.config.HoldfastConfig}, every error with its key path),
 * {@link io.holdfast.config.ConfigLoader} (the file, for {@code --check} and start-up) and
 * {@link io.holdfast.config.ConfigVerticle} (the running {@link io.holdfast.config.ConfigSnapshot}: file
 * watch, SIGHUP re-read, admin API changes and rollbacks written back atomically, published on the event
 * bus; each change is a step of {@code ConfigChanges}, run one at a time on a {@code StepQueue} and announced
 * by {@code AppliedVersionLog}). {@link io.holdfast.config.ConfigHistory} keeps the last applied versions, each with its
 * {@link io.holdfast.config.ConfigDiff} against the one before. Defaults that depend on the machine are
 * derived while parsing: {@code instances} from the cores, {@code maxConnections} from the open-files limit
 * ({@link io.holdfast.config.FileDescriptorBudget}).
 */
package io.holdfast.config;
