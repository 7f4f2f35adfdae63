package io.holdfast.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.holdfast.bus.PortInUseException;
import io.holdfast.config.AdminConfig;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminBindingTest {

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aTakenPortFailsStartWithPortInUseNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      Throwable failure = catchThrowable(() -> vertx.deployVerticle(new AdminVerticle(
          new AdminConfig("127.0.0.1", port, null))).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));

      assertThat(failure).hasCauseInstanceOf(PortInUseException.class);
      PortInUseException inUse = (PortInUseException) failure.getCause();
      assertThat(inUse.port()).isEqualTo(port);
      assertThat(inUse.getMessage()).contains("admin").contains(String.valueOf(port)).contains("in use");
    }
  }
}
