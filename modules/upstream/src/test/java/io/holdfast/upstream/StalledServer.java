package io.holdfast.upstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A listening socket that never accepts, its backlog filled: the kernel drops further SYNs, so a connect
 * to it neither succeeds nor fails until the connect timeout.
 */
final class StalledServer implements AutoCloseable {

  private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  private final List<Socket> fillers = new ArrayList<>();

  StalledServer() throws IOException {
    try {
      for (int i = 0; i < 3; i++) {
        Socket filler = new Socket();
        filler.connect(socket.getLocalSocketAddress(), 200);
        fillers.add(filler);
      }
    } catch (IOException backlogFull) {
      // Expected once the queue is full.
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    for (Socket filler : fillers) {
      filler.close();
    }
    socket.close();
  }
}
