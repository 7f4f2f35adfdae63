package io.holdfast.app.lifecycle;

import io.holdfast.app.ExitCode;
import io.holdfast.app.Version;
import io.holdfast.app.runtime.TransportChoice;
import io.holdfast.app.runtime.VertxFactory;
import io.holdfast.bus.RuntimeInfo;
import io.holdfast.config.ConfigLoader;
import io.holdfast.config.ConfigResult;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.HoldfastConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * A running Holdfast process from config to exit code: validate, pick the transport, build Vert.x,
 * deploy, then wait for a signal. The calling thread blocks until the process should exit and gets the
 * exit code back; nothing here calls {@code System.exit}.
 */
public final class Server {

  /** Generous: start-up includes warming upstream connections, each bounded by its connect timeout. */
  public static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
  /** How long closing Vert.x may take after a failed start before we exit anyway. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(Server.class.getName());

  private Server() {
  }

  public static ExitCode run(Path configFile, PrintStream err) {
    Path file = ConfigCheck.resolve(configFile);
    ConfigResult result = ConfigLoader.load(file);
    if (!result.isValid()) {
      ConfigCheck.printErrors(file, result, err);
      return ExitCode.CONFIG_INVALID;
    }
    HoldfastConfig config = result.config();
    ConfigSnapshot initial = new ConfigSnapshot(1, Instant.now(), "file", config);
    TransportChoice transport = TransportChoice.select(config.transport());
    RuntimeInfo info = new RuntimeInfo(Version.current(), transport.name(), transport.fallbackReason(),
        Instant.now());
    StartupReport.before(file, config, transport);

    Vertx vertx;
    FleetWiring fleet = null;
    if (config.cluster().enabled()) {
      FleetStart.Started started;
      try {
        started = await(FleetStart.start(config, transport, file, initial));
      } catch (ExecutionException | TimeoutException | InterruptedException e) {
        StartupFailure failure = StartupFailure.of(cause(e, "joining the fleet"));
        err.println("holdfast: " + failure.message());
        return failure.exitCode();
      }
      vertx = started.vertx();
      initial = started.initial();
      fleet = started.fleet();
    } else {
      try {
        vertx = VertxFactory.create(config, transport);
      } catch (RuntimeException | LinkageError e) {
        err.println("holdfast: could not start Vert.x: " + e);
        return ExitCode.STARTUP_FAILED;
      }
    }
    Deployment deployment;
    try {
      deployment = await(Deployment.start(vertx, file, initial, info, fleet));
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      StartupFailure failure = StartupFailure.of(cause(e, "in " + STARTUP_TIMEOUT.toSeconds() + "s"));
      err.println("holdfast: " + failure.message());
      closeQuietly(vertx);
      return failure.exitCode();
    }

    CompletableFuture<ExitCode> exit = new CompletableFuture<>();
    Signals.install(new Lifecycle(vertx, deployment, initial, exit));
    StartupReport.ready(initial.config());
    return exit.join();
  }

  private static <T> T await(Future<T> future) throws ExecutionException, TimeoutException, InterruptedException {
    return future.toCompletionStage().toCompletableFuture().get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Throwable cause(Exception e, String what) {
    return e instanceof ExecutionException ? e.getCause() : new StartupException(what, e);
  }

  private static void closeQuietly(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      LOG.fine(() -> "closing Vert.x after a failed start: " + e);
    }
  }
}
