package io.holdfast.app.lifecycle;

import io.holdfast.app.ExitCode;
import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.config.AccessLogConfig;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigError;
import io.holdfast.config.ConfigSnapshot;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * What the signals do to a running process. Follows the running snapshot on the bus so a reloaded
 * {@code shutdownTimeout} is the one a later SIGTERM honours.
 */
final class Lifecycle implements Signals.Handler {

  /** Past the drain budget, the time Vert.x gets to close everything else before we exit regardless. */
  static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(Lifecycle.class.getName());

  private final Vertx vertx;
  private final Deployment deployment;
  private final CompletableFuture<ExitCode> exit;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile ConfigSnapshot running;

  Lifecycle(Vertx vertx, Deployment deployment, ConfigSnapshot initial, CompletableFuture<ExitCode> exit) {
    this.vertx = vertx;
    this.deployment = deployment;
    this.exit = exit;
    this.running = initial;
    vertx.eventBus().<ConfigSnapshot>localConsumer(Addresses.CONFIG_APPLIED, message -> running = message.body());
  }

  @Override
  public void stop(String signal) {
    if (!stopping.compareAndSet(false, true)) {
      LOG.info(signal + ": already stopping");
      return;
    }
    Duration drain = running.config().shutdownTimeout();
    LOG.info(signal + ": stopping; in-flight requests get up to " + drain.toSeconds() + "s to finish");
    // A stop that hangs (a verticle that never completes its stop future) must still end the process.
    Duration limit = drain.plus(STOP_GRACE);
    CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
      LOG.warning("stop did not finish within " + limit.toSeconds() + "s; exiting anyway");
      exit.complete(ExitCode.OK);
    });
    deployment.stop()
        .eventually(vertx::close)
        .onComplete(done -> {
          if (done.failed()) {
            LOG.log(Level.WARNING, "closing Vert.x: " + done.cause().getMessage(), done.cause());
          }
          LOG.info("stopped");
          exit.complete(ExitCode.OK);
        });
  }

  /** SIGUSR1: the access log writer closes and reopens its file between two batches of lines. */
  @Override
  public void reopenLogs() {
    if (stopping.get()) {
      return;
    }
    AccessLogConfig accessLog = running.config().accessLog();
    LOG.info("SIGUSR1: " + (accessLog == null ? "no access log to reopen" : "reopening the access log " + accessLog.path()));
    vertx.eventBus().send(Addresses.ACCESS_LOG_REOPEN, null, LocalDelivery.options());
  }

  @Override
  public void reload() {
    if (stopping.get()) {
      return;
    }
    long before = running.version();
    LOG.info("SIGHUP: re-reading the config file");
    vertx.eventBus().<ConfigChangeResult>request(Addresses.CONFIG_RELOAD, null, LocalDelivery.options()).onComplete(reply -> {
      if (reply.failed()) {
        LOG.warning("SIGHUP: reload failed: " + reply.cause().getMessage());
        return;
      }
      ConfigChangeResult result = reply.result().body();
      if (!result.applied()) {
        LOG.warning("SIGHUP: config refused, version " + before + " keeps running:\n  " + result.errors().stream()
            .map(ConfigError::toString).collect(Collectors.joining("\n  ")));
      } else if (result.snapshot().version() == before) {
        LOG.info("SIGHUP: config unchanged (version " + before + ")");
      } else {
        LOG.info("SIGHUP: config version " + result.snapshot().version() + " applied");
      }
    });
  }
}
