package io.holdfast.upstream;

/**
 * {@link UpstreamTlsTest}'s cases (verification, SNI, resumption, handshake counts, failures that say why) on
 * the JDK's engine ({@code upstreams.<name>.tls.engine: jdk}), the fallback where OpenSSL does not load.
 */
class UpstreamTlsOnJdkEngineTest extends UpstreamTlsTest {

  @Override
  String engine() {
    return "jdk";
  }
}
