package io.holdfast.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FileDescriptorBudgetTest {

  private static final List<String> PROC_LIMITS = List.of(
      "Limit                     Soft Limit           Hard Limit           Units     ",
      "Max processes             unlimited            unlimited            processes ",
      "Max open files            1024                 524288               files     ",
      "Max locked memory         8388608              8388608              bytes     ");

  @Test
  void softLimitIsReadFromProcLimits() {
    assertThat(FileDescriptorBudget.parseLimit(PROC_LIMITS)).hasValue(1024);
  }

  @Test
  void unlimitedAndMissingAreTold() {
    assertThat(FileDescriptorBudget.parseLimit(List.of("Max open files  unlimited  unlimited  files")))
        .hasValue(Long.MAX_VALUE);
    assertThat(FileDescriptorBudget.parseLimit(List.of("Max processes 10 10 processes"))).isEmpty();
  }

  @Test
  void estimateCountsClientsTheirUpstreamsAndIdlePools() {
    // 10 000 clients, one upstream connection each while busy, 2 servers × 32 idle × 4 instances, reserve.
    assertThat(FileDescriptorBudget.estimate(Configs.of(4, 10_000, 2, 32)))
        .isEqualTo(20_000 + 256 + FileDescriptorBudget.RESERVE);
  }

  @Test
  void limitBelowTheEstimateIsTooLow() {
    assertThat(new FileDescriptorBudget(OptionalLong.of(1024), 20_512).tooLow()).isTrue();
    assertThat(new FileDescriptorBudget(OptionalLong.of(65_536), 20_512).tooLow()).isFalse();
    assertThat(new FileDescriptorBudget(OptionalLong.empty(), 20_512).tooLow()).isFalse();
  }

  @Test
  void thisProcessHasAReadableLimitOnLinux() {
    assertThat(FileDescriptorBudget.readLimit(FileDescriptorBudget.PROC_LIMITS)).isPresent();
  }
}
