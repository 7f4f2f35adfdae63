package io.holdfast.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenFilesLimitTest {

  private static final List<String> PROC_LIMITS = List.of(
      "Limit                     Soft Limit           Hard Limit           Units     ",
      "Max processes             unlimited            unlimited            processes ",
      "Max open files            1024                 524288               files     ",
      "Max locked memory         8388608              8388608              bytes     ");

  @Test
  void softLimitIsReadFromProcLimits() {
    assertThat(OpenFilesLimit.parse(PROC_LIMITS)).hasValue(1024);
  }

  @Test
  void unlimitedAndMissingAreTold() {
    assertThat(OpenFilesLimit.parse(List.of("Max open files  unlimited  unlimited  files"))).hasValue(Long.MAX_VALUE);
    assertThat(OpenFilesLimit.parse(List.of("Max processes 10 10 processes"))).isEmpty();
  }

  @Test
  void thisProcessHasAReadableLimitOnLinux() {
    assertThat(OpenFilesLimit.read(OpenFilesLimit.PROC_LIMITS)).isPresent();
    assertThat(OpenFilesLimit.current()).isEqualTo(OpenFilesLimit.read(OpenFilesLimit.PROC_LIMITS));
  }
}
