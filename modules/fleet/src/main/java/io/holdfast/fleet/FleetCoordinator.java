package io.holdfast.fleet;

import io.holdfast.config.Candidate;
import io.holdfast.config.ChangeCoordinator;
import io.holdfast.config.ChangeRequest;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigError;
import io.holdfast.config.ConfigSteps;
import io.holdfast.config.FleetChange;
import io.holdfast.config.NodeReport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A config change in a fleet. Under the cluster-wide lock: catch up with the fleet's latest version, validate
 * the change here, ask every other node whether it would run it (all or nothing: one refusal and nothing
 * changes anywhere, the answer naming the node), record it in the cluster map as the fleet's next version,
 * apply it here and have every other node adopt it. A node that did not answer catches up by itself
 * ({@link Reconciler}). File edits and SIGHUP on a node are fleet changes from that node.
 */
public final class FleetCoordinator implements ChangeCoordinator {

  /** How long a change waits for another node's change to finish. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(10);
  /** How long another node may take to say whether it would run a change. */
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);
  /** How long another node may take to apply a change (it writes its file, its instances switch). */
  static final Duration ADOPT_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(FleetCoordinator.class.getName());

  private final FleetNode self;
  private final FleetMembers members;
  private final String initialChangeId;
  private final Duration reconcilePeriod;
  private FleetStore store;
  private FleetCalls calls;
  private Reconciler reconciler;
  // Changes of this node in progress: the reconciler leaves the config alone meanwhile.
  private int changing;

  public FleetCoordinator(FleetNode self, FleetMembers members, String initialChangeId) {
    this(self, members, initialChangeId, Reconciler.PERIOD);
  }

  FleetCoordinator(FleetNode self, FleetMembers members, String initialChangeId, Duration reconcilePeriod) {
    this.self = self;
    this.members = members;
    this.initialChangeId = initialChangeId;
    this.reconcilePeriod = reconcilePeriod;
  }

  @Override
  public String initialChangeId() {
    return initialChangeId;
  }

  @Override
  public void start(Vertx vertx, ConfigSteps steps) {
    store = new FleetStore(vertx);
    calls = new FleetCalls(vertx.eventBus());
    reconciler = new Reconciler(vertx, store, steps, change -> spread(change, others()), () -> changing > 0,
        reconcilePeriod);
    reconciler.start();
  }

  @Override
  public void stop() {
    if (reconciler != null) {
      reconciler.stop();
    }
  }

  @Override
  public Future<ConfigChangeResult> change(ChangeRequest request, ConfigSteps steps) {
    if (request.fromFile()) {
      // Our own writes come back through the file watch: find them unchanged without taking the lock.
      return steps.prepare(request)
          .compose(c -> c.done() ? Future.succeededFuture(c.answer()) : locked(request, steps));
    }
    return locked(request, steps);
  }

  private Future<ConfigChangeResult> locked(ChangeRequest request, ConfigSteps steps) {
    changing++;
    return store.exclusively(LOCK_WAIT, () -> store.latest()
            .compose(latest -> catchUp(request, latest, steps)
                .compose(refusal -> refusal.isPresent() ? Future.succeededFuture(refusal.get())
                    : steps.prepare(request).compose(c -> c.done() ? Future.succeededFuture(c.answer())
                        : distribute(c, latest, steps)))))
        .recover(e -> Future.succeededFuture(ConfigChangeResult.unavailable(steps.running(),
            "the fleet did not take the change, nothing changed: " + e.getMessage())))
        .andThen(done -> changing--);
  }

  /**
   * A node that missed a version runs it before it builds on it: a PATCH applies to the fleet's config, and
   * If-Match compares with the fleet's version. A file edit is a whole document: it replaces, no catch-up.
   */
  private Future<Optional<ConfigChangeResult>> catchUp(ChangeRequest request, Optional<FleetChange> latest,
      ConfigSteps steps) {
    if (request.fromFile() || latest.isEmpty() || latest.get().changeId().equals(steps.changeId())
        || latest.get().version() <= steps.running().version()) {
      return Future.succeededFuture(Optional.empty());
    }
    FleetChange missed = latest.get();
    return steps.adopt(missed).map(result -> {
      if (result.outcome() != ConfigChangeResult.Outcome.REFUSED) {
        return Optional.empty();
      }
      List<ConfigError> errors = new ArrayList<>();
      errors.add(new ConfigError("", "this node cannot run the fleet's version " + missed.version()
          + " (refused below); fix it here or make the change through another node", self.address()));
      result.errors().forEach(e -> errors.add(e.on(self.address())));
      return Optional.of(ConfigChangeResult.refused(steps.running(), errors));
    });
  }

  private Future<ConfigChangeResult> distribute(Candidate candidate, Optional<FleetChange> latest, ConfigSteps steps) {
    long version = Math.max(latest.map(FleetChange::version).orElse(0L), steps.running().version()) + 1;
    FleetChange change = new FleetChange(version, candidate.document(), candidate.source(), candidate.rollbackOf(),
        UUID.randomUUID().toString(), self.address());
    List<String> others = others();
    return calls.ask(others, NodeOps.question(NodeOps.CHECK).put("document", change.document()), CHECK_TIMEOUT)
        .compose(answers -> {
          List<NodeReport> checks = answers.stream().map(NodeOps::report).toList();
          List<ConfigError> refusals = checks.stream().filter(r -> NodeReport.REFUSED.equals(r.outcome()))
              .flatMap(r -> r.errors().stream()).toList();
          if (!refusals.isEmpty()) {
            LOG.warning(() -> "config change (" + change.source() + ") refused by another node, nothing changed:\n  "
                + refusals.stream().map(ConfigError::toString).collect(Collectors.joining("\n  ")));
            return Future.succeededFuture(ConfigChangeResult.refused(steps.running(), refusals).withNodes(checks));
          }
          return store.put(change)
              .compose(stored -> steps.commit(candidate, version, change.changeId()))
              .compose(local -> spread(change, others).map(local::withNodes));
        });
  }

  /** Has every node in {@code nodes} adopt {@code change}; what each did. */
  private Future<List<NodeReport>> spread(FleetChange change, List<String> nodes) {
    return calls.ask(nodes, NodeOps.question(NodeOps.ADOPT).put("change", change.toJson()), ADOPT_TIMEOUT)
        .map(answers -> {
          List<NodeReport> reports = answers.stream().map(NodeOps::report).toList();
          List<NodeReport> behind = reports.stream().filter(r -> !NodeReport.APPLIED.equals(r.outcome())
              && !NodeReport.UNCHANGED.equals(r.outcome())).toList();
          LOG.info(() -> "fleet config version " + change.version() + " (" + change.source() + ") on "
              + (reports.size() - behind.size() + 1) + " of " + (reports.size() + 1) + " nodes"
              + (behind.isEmpty() ? "" : "; not yet on " + behind.stream()
                  .map(r -> r.address() + " (" + r.outcome() + ")").collect(Collectors.joining(", "))));
          return reports;
        });
  }

  private List<String> others() {
    List<String> nodes = new ArrayList<>(members.nodes());
    nodes.remove(self.id());
    return nodes;
  }
}
