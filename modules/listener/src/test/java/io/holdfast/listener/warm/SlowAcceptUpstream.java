package io.holdfast.listener.warm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP upstream whose accept queue starts full, so the kernel drops a client's SYN: a connect to it
 * hangs (until the client's connect timeout) unless {@link #acceptAfter} starts draining the queue, in
 * which case the client's retransmitted SYN (Linux: 1 s after the first) gets through.
 */
final class SlowAcceptUpstream implements AutoCloseable {

  private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  private final List<Socket> fillers = new ArrayList<>();
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final AtomicInteger acceptedCount = new AtomicInteger();
  private Thread acceptor;

  SlowAcceptUpstream() throws IOException {
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

  /** Starts accepting after {@code delay}, which arranges that a connect made now meets the full queue. */
  void acceptAfter(Duration delay) {
    acceptor = new Thread(() -> {
      try {
        Thread.sleep(delay.toMillis());
        while (true) {
          accepted.add(socket.accept());
          acceptedCount.incrementAndGet();
        }
      } catch (IOException | InterruptedException closed) {
        // The test is over.
      }
    }, "slow-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Connections accepted other than this upstream's own queue fillers. */
  int acceptedFromClients() {
    return Math.max(0, acceptedCount.get() - fillers.size());
  }

  @Override
  public void close() throws IOException {
    socket.close();
    if (acceptor != null) {
      acceptor.interrupt();
    }
    for (Socket s : accepted) {
      s.close();
    }
    for (Socket filler : fillers) {
      filler.close();
    }
  }
}
