package io.holdfast.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.app.runtime.TransportChoice.Candidate;
import io.holdfast.config.Transport;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransportChoiceTest {

  private static TransportChoice.Probe runnable(Candidate... available) {
    Set<Candidate> set = Set.of(available);
    return candidate -> set.contains(candidate) ? null : new IllegalStateException(candidate.key + " blocked");
  }

  @Test
  void autoPrefersIoUring() {
    TransportChoice choice = TransportChoice.select(Transport.AUTO, runnable(Candidate.IO_URING, Candidate.EPOLL));

    assertThat(choice.name()).isEqualTo("io_uring");
    assertThat(choice.transport()).isSameAs(io.vertx.core.transport.Transport.IO_URING);
    assertThat(choice.fellBack()).isFalse();
  }

  @Test
  void autoFallsBackToEpollAndSaysWhy() {
    TransportChoice choice = TransportChoice.select(Transport.AUTO, runnable(Candidate.EPOLL));

    assertThat(choice.name()).isEqualTo("epoll");
    assertThat(choice.fallbackReason()).isEqualTo("io_uring unavailable: io_uring blocked");
    assertThat(choice.explicit()).isFalse();
  }

  @Test
  void explicitIoUringFallsBackAlongTheChainToNio() {
    TransportChoice choice = TransportChoice.select(Transport.IO_URING, runnable());

    assertThat(choice.name()).isEqualTo("nio");
    assertThat(choice.explicit()).isTrue();
    assertThat(choice.fallbackReason())
        .isEqualTo("io_uring unavailable: io_uring blocked; epoll unavailable: epoll blocked");
  }

  @Test
  void explicitEpollNeverTriesIoUring() {
    TransportChoice choice = TransportChoice.select(Transport.EPOLL, runnable(Candidate.IO_URING));

    assertThat(choice.name()).isEqualTo("nio");
    assertThat(choice.fallbackReason()).doesNotContain("io_uring");
  }

  @Test
  void nioIsAlwaysChosenWhenAsked() {
    TransportChoice choice = TransportChoice.select(Transport.NIO, runnable());

    assertThat(choice.name()).isEqualTo("nio");
    assertThat(choice.fellBack()).isFalse();
  }

  @Test
  void liveProbeReturnsATransportThatIsAvailable() {
    TransportChoice choice = TransportChoice.select(Transport.AUTO);

    assertThat(choice.transport().available()).isTrue();
  }
}
