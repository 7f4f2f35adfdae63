package io.holdfast.upstream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link UpstreamTlsTest}'s cases (verification, SNI, resumption, handshake counts, failures that say why) on
 * the JDK's engine ({@code -Dholdfast.upstream.tls.engine=jdk}), the fallback where OpenSSL does not load.
 */
class UpstreamTlsOnJdkEngineTest extends UpstreamTlsTest {

  private static final String PROPERTY = "holdfast.upstream.tls.engine";

  @BeforeEach
  void onJdkEngine() {
    System.setProperty(PROPERTY, "jdk");
  }

  @AfterEach
  void backToAuto() {
    System.clearProperty(PROPERTY);
  }
}
