package io.holdfast.listener.edge;

/**
 * {@link CertificatesTest}'s cases (SNI with wildcards and the default first, renewal under open connections,
 * several instances, PKCS#12, protocols) on the JDK's engine ({@code tls.engine: jdk}), the fallback where
 * OpenSSL does not load and what the contract requires to work without native code.
 */
class CertificatesOnJdkEngineTest extends CertificatesTest {

  @Override
  String engine() {
    return "jdk";
  }
}
