/**
 * What the modules' tests share. Start at {@link io.holdfast.testkit.TestConfig}: a config written as the
 * JSON a user would write and parsed by the real {@code ConfigParser}, so a test never constructs config
 * records by position and every new key arrives with its documented default. Beside it: {@link
 * io.holdfast.testkit.TestCertificates} (a CA and the certificates it signs), {@link io.holdfast.testkit.FreePorts}
 * and {@link io.holdfast.testkit.LogCapture} (what a logger logs, for tests that assert a log line).
 */
package io.holdfast.testkit;
