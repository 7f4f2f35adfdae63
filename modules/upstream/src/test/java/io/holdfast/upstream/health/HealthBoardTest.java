package io.holdfast.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.bus.HealthReport;
import io.holdfast.bus.PassiveMark;
import io.holdfast.config.HoldfastConfig;
import io.holdfast.testkit.TestConfig;
import io.holdfast.upstream.health.ProbeResult.Outcome;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The owner's merged view, driven with explicit times. */
class HealthBoardTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  private static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");

  private final HealthBoard board = new HealthBoard(Clock.fixed(T0, ZoneOffset.UTC));

  private static HoldfastConfig config(int... ports) {
    return TestConfig.proxying(ports).set("upstreams.app.failTimeout", "10s")
        .set("upstreams.app.healthCheck", new JsonObject()).snapshot(1).config();
  }

  private static ProbeResult failed() {
    return new ProbeResult(Outcome.BAD_STATUS, new HealthReport.Probe(T0, 1000, 500, null, false));
  }

  private static ProbeResult passed() {
    return new ProbeResult(Outcome.PASSED, new HealthReport.Probe(T0, 1000, 200, null, true));
  }

  private HealthReport.Server server(String address, long now) {
    return board.report(now).servers().stream().filter(s -> s.server().equals(address)).findFirst().orElseThrow();
  }

  private static final ServerKey A = new ServerKey("app", "127.0.0.1:8001");
  private static final ServerKey B = new ServerKey("app", "127.0.0.1:8002");

  @Test
  void probeVerdictChangesAreReportedWithSourceSinceAndLastProbe() {
    board.reconcile(config(8001, 8002), Set.of(A, B), 0);
    assertThat(server(A.server(), 0).up()).isTrue();
    assertThat(server(A.server(), 0).source()).isNull();
    assertThat(board.probed(A, failed(), 2, 2, 1)).isFalse();
    assertThat(board.probed(A, failed(), 2, 2, 2)).isTrue();
    HealthReport.Server down = server(A.server(), 3);
    assertThat(down.up()).isFalse();
    assertThat(down.probeDown()).isTrue();
    assertThat(down.source()).isEqualTo("probe");
    assertThat(down.lastProbe().status()).isEqualTo(500);
    assertThat(down.probes()).isEqualTo(new HealthReport.ProbeCounts(0, 2, 0, 0));
    board.probed(A, passed(), 2, 2, 4);
    assertThat(board.probed(A, passed(), 2, 2, 5)).isTrue();
    assertThat(server(A.server(), 6).up()).isTrue();
    assertThat(server(A.server(), 6).source()).isEqualTo("probe");
  }

  @Test
  void aPassiveMarkHoldsForFailTimeoutForEveryInstanceAndIsPlacedOnce() {
    board.reconcile(config(8001, 8002), Set.of(), 0);
    assertThat(board.passive(new PassiveMark("app", A.server(), true, 10), 10)).isTrue();
    assertThat(board.passive(new PassiveMark("app", A.server(), true, 20), 20)).as("already marked").isFalse();
    HealthReport.Server marked = server(A.server(), 30);
    assertThat(marked.up()).isFalse();
    assertThat(marked.source()).isEqualTo("passive");
    assertThat(marked.passiveSinceNanos()).isEqualTo(10);
    assertThat(marked.passiveUntilNanos()).isEqualTo(10 + 10 * SECOND);
    assertThat(marked.passiveUntil()).isEqualTo(T0.plusSeconds(10));
    assertThat(board.nextExpiry(30)).isEqualTo(10 + 10 * SECOND);
    assertThat(board.expire(5 * SECOND)).isFalse();
    assertThat(board.expire(10 + 10 * SECOND)).isTrue();
    assertThat(server(A.server(), 11 * SECOND).up()).isTrue();
    assertThat(server(A.server(), 11 * SECOND).passiveSinceNanos()).isZero();
  }

  @Test
  void anUpReportLiftsTheMarkEarly() {
    board.reconcile(config(8001, 8002), Set.of(), 0);
    board.passive(new PassiveMark("app", A.server(), true, 10), 10);
    assertThat(board.passive(new PassiveMark("app", A.server(), false, 20), 20)).isTrue();
    assertThat(server(A.server(), 30).up()).isTrue();
    assertThat(board.passive(new PassiveMark("app", A.server(), false, 40), 40)).as("nothing to lift").isFalse();
  }

  @Test
  void marksAreIgnoredWhereNginxWouldNotMarkAServerDown() {
    board.reconcile(config(8001), Set.of(), 0);
    assertThat(board.passive(new PassiveMark("app", "127.0.0.1:8001", true, 1), 1)).as("single server").isFalse();
    board.reconcile(TestConfig.proxying(8001, 8002).set("upstreams.app.maxFails", 0).snapshot(2).config(), Set.of(), 2);
    assertThat(board.passive(new PassiveMark("app", A.server(), true, 3), 3)).as("maxFails 0").isFalse();
    assertThat(board.passive(new PassiveMark("app", "127.0.0.1:9999", true, 4), 4)).as("unknown server").isFalse();
  }

  @Test
  void aReloadKeepsAKeptServersStateForgetsRemovedOnesAndChecksOffClearTheProbeVerdict() {
    board.reconcile(config(8001, 8002), Set.of(A, B), 0);
    board.probed(A, failed(), 1, 1, 1);
    assertThat(board.reconcile(config(8001, 8003), Set.of(A, new ServerKey("app", "127.0.0.1:8003")), 2))
        .as("nothing instances read changed").isFalse();
    assertThat(server(A.server(), 3).probeDown()).isTrue();
    assertThat(board.report(3).servers()).extracting(HealthReport.Server::server)
        .containsExactly("127.0.0.1:8001", "127.0.0.1:8003");
    assertThat(board.probed(B, failed(), 1, 1, 4)).as("a late result for a removed server").isFalse();
    assertThat(board.reconcile(config(8001, 8003), Set.of(), 5)).as("checks turned off").isTrue();
    assertThat(server(A.server(), 6).up()).isTrue();
    assertThat(server(A.server(), 6).checked()).isFalse();
  }

  @Test
  void everyReportHasAHigherSequence() {
    board.reconcile(config(8001, 8002), Set.of(), 0);
    assertThat(board.report(1).sequence()).isLessThan(board.report(2).sequence());
  }
}
