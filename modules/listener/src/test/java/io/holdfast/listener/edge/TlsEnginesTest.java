package io.holdfast.listener.edge;

import io.holdfast.listener.binding.ListenerServer;
import io.holdfast.listener.binding.TlsEngine;
import io.holdfast.testkit.TestCertificates;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code listeners.<name>.tls.engine}: {@code auto} runs OpenSSL where it loads (it ships for Linux x86_64 and
 * aarch64, so it must load on this build's platform), {@code jdk} the JDK's engine; both serve HTTP/2 by ALPN
 * and HTTP/1.1, and switching engines on a reload rebinds the listener.
 */
class TlsEnginesTest {

  @RegisterExtension
  final EdgeRig rig = new EdgeRig();

  @Test
  void autoRunsOpenSslWhereItLoadsAndJdkRunsTheJdkEngine() throws Exception {
    TestCertificates.Issued site = rig.ca.issue("localhost");
    TestConfig auto = EdgeRig.tls(rig.config(), site);
    TestConfig jdk = EdgeRig.tls(rig.config(), site).set("listeners.main.tls.engine", "jdk");

    assertThat(OpenSSLEngineOptions.isAvailable()).as("netty-tcnative loads on this platform").isTrue();
    assertThat(TlsEngine.resolve("auto")).isEqualTo(TlsEngine.OPENSSL);
    assertThat(ListenerServer.options(auto.listenerConfig("main")).getSslEngineOptions())
        .isInstanceOf(OpenSSLEngineOptions.class);
    assertThat(ListenerServer.options(jdk.listenerConfig("main")).getSslEngineOptions())
        .isInstanceOf(JdkSSLEngineOptions.class);
  }

  @Test
  void bothEnginesServeHttp2AndHttp11AndAReloadSwitchesBetweenThem() throws Exception {
    TestCertificates.Issued site = rig.ca.issue("localhost");
    TestConfig config = EdgeRig.tls(rig.config(), site).set("listeners.main.tls.engine", "jdk");
    rig.start(config);
    assertServes("/jdk");

    rig.apply(config.set("listeners.main.tls.engine", "openssl"));
    assertServes("/openssl");
    rig.apply(config.set("listeners.main.tls.engine", "jdk"));
    assertServes("/jdk-again");
  }

  private void assertServes(String path) throws Exception {
    HttpResponse<String> h2 = rig.client(HttpClient.Version.HTTP_2, null)
        .send(HttpRequest.newBuilder(rig.https(path)).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> h1 = rig.client(HttpClient.Version.HTTP_1_1, null)
        .send(HttpRequest.newBuilder(rig.https(path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(h2.body()).isEqualTo("got 0");
    assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(h1.body()).isEqualTo("got 0");
  }
}
