/**
 * What the modules' tests share. Start at {@link io.holdfast.testkit.TestConfig}: a config written as the
 * JSON a user would write and parsed by the real {@code ConfigParser}, so a test never constructs config
 * records by position and every new key arrives with its documented default.
 */
package io.holdfast.testkit;
