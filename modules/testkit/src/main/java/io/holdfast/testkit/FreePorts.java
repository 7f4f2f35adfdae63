package io.holdfast.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a test to hand to a process or a cluster member that binds them later. Picked at random below
 * Linux's ephemeral range (32768–60999 by default): a port the kernel picked with {@code new ServerSocket(0)}
 * is also one it may give the next outgoing connection (a Hazelcast member's, an HTTP client's) before the
 * test binds it. Checked free on 127.0.0.1 when picked.
 */
public final class FreePorts {

  static final int LOWEST = 20_000;
  static final int BELOW = 32_000;

  private FreePorts() {
  }

  public static int next() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, BELOW);
      try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return probe.getLocalPort();
      } catch (IOException taken) {
        // Someone has it: draw again.
      }
    }
    throw new IllegalStateException("no free port found in [" + LOWEST + ", " + BELOW + ") after 100 draws");
  }
}
