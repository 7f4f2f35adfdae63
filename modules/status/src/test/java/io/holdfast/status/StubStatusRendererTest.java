package io.holdfast.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StubStatusRendererTest {

  @Test
  void rendersNginxStubStatusByteForByte() {
    StatsAggregate aggregate = StatsAggregate.of(List.of(Samples.instanceA(), Samples.instanceB()));

    // active = 6 + 1 + 2, accepts 10+5+7, handled 10+4+7, requests 100+20+50
    assertThat(StubStatusRenderer.render(aggregate)).isEqualTo(
        "Active connections: 9 \n"
            + "server accepts handled requests\n"
            + " 22 21 170 \n"
            + "Reading: 1 Writing: 3 Waiting: 5 \n");
  }

  @Test
  void rendersZerosWhenNoInstanceReported() {
    assertThat(StubStatusRenderer.render(StatsAggregate.empty())).isEqualTo(
        "Active connections: 0 \nserver accepts handled requests\n 0 0 0 \nReading: 0 Writing: 0 Waiting: 0 \n");
  }
}
