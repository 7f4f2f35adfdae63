package io.holdfast.status;

import io.holdfast.bus.AccessLogStats;
import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.HealthReport;
import io.holdfast.bus.InstanceAnnouncement;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerBinding;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.RuntimeInfo;
import io.holdfast.bus.StatusQuery;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.status.advice.KeepaliveAdvisor;
import io.holdfast.status.history.StatsHistory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Answers {@link Addresses#STATUS_QUERY}: collects every listener instance's counters on demand, sums
 * them and renders stub_status, the JSON document or Prometheus text; answers health from what instances
 * reported about their bindings. Tracks instances from their announcements and the running config from
 * {@link Addresses#CONFIG_APPLIED}. {@code CLUSTER_JSON} asks the fleet verticle for every node's document
 * ({@link Addresses#FLEET_STATUS}) and sums them ({@link ClusterStatusRenderer}); without a fleet, this node alone. Samples the counters into a five-minute history every period
 * ({@link HistorySampler}), which the dashboard stream and the keepalive advisor read.
 */
public final class StatusVerticle extends VerticleBase {

  /** Reply failure code for an unhealthy process, as the HTTP status the admin port maps it to. */
  public static final int UNHEALTHY = 503;

  /** How long the fleet may take to gather every node's status. */
  static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(StatusVerticle.class.getName());

  private final RuntimeInfo runtime;
  private final InstanceTracker tracker;
  private final Duration statsTimeout;
  private final Duration samplePeriod;
  private StatsCollector collector;
  private HoldfastMeters meters;
  private HistorySampler sampler;

  public StatusVerticle(RuntimeInfo runtime, ConfigSnapshot initial) {
    this(runtime, initial, StatsCollector.DEFAULT_TIMEOUT);
  }

  /** {@code statsTimeout}: how long an instance may take to report before it is dropped. */
  public StatusVerticle(RuntimeInfo runtime, ConfigSnapshot initial, Duration statsTimeout) {
    this(runtime, initial, statsTimeout, StatsHistory.SAMPLE_PERIOD);
  }

  /** {@code samplePeriod}: how often the history is sampled ({@link StatsHistory#SAMPLE_PERIOD}; tests go faster). */
  public StatusVerticle(RuntimeInfo runtime, ConfigSnapshot initial, Duration statsTimeout, Duration samplePeriod) {
    this.runtime = runtime;
    this.tracker = new InstanceTracker(initial);
    this.statsTimeout = statsTimeout;
    this.samplePeriod = samplePeriod;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    LocalCodec.register(bus, InstanceAnnouncement.class);
    LocalCodec.register(bus, InstanceStats.class);
    LocalCodec.register(bus, ListenerBinding.class);
    LocalCodec.register(bus, StatusQuery.class);
    LocalCodec.register(bus, HealthReport.class);
    LocalCodec.register(bus, ConfigSnapshot.class);
    LocalCodec.register(bus, AccessLogStats.class);
    collector = new StatsCollector(bus, statsTimeout);
    meters = HoldfastMeters.create();
    sampler = new HistorySampler(vertx, samplePeriod, this::collect, tracker::running, runtime);
    return Future.all(
            bus.<InstanceAnnouncement>localConsumer(Addresses.INSTANCE_UP, m -> up(m.body())).completion(),
            bus.<InstanceAnnouncement>localConsumer(Addresses.INSTANCE_DOWN, m -> down(m.body())).completion(),
            bus.<ListenerBinding>localConsumer(Addresses.LISTENER_BINDING, m -> tracker.binding(m.body())).completion(),
            bus.<ConfigSnapshot>localConsumer(Addresses.CONFIG_APPLIED, m -> tracker.applied(m.body())).completion(),
            bus.<StatusQuery>localConsumer(Addresses.STATUS_QUERY, this::answer).completion())
        // Instances deployed before this verticle announce themselves again.
        .onSuccess(ok -> bus.publish(Addresses.INSTANCE_ANNOUNCE, null, LocalDelivery.options()))
        .onSuccess(ok -> sampler.start());
  }

  @Override
  public Future<?> stop() {
    if (sampler != null) {
      sampler.stop();
    }
    if (meters != null) {
      meters.close();
    }
    return Future.succeededFuture();
  }

  private void up(InstanceAnnouncement announcement) {
    if (tracker.up(announcement.instanceId())) {
      LOG.fine(() -> "listener instance up: " + announcement.instanceId());
    }
  }

  private void down(InstanceAnnouncement announcement) {
    tracker.down(announcement.instanceId());
    LOG.fine(() -> "listener instance down: " + announcement.instanceId());
  }

  private void answer(Message<StatusQuery> message) {
    StatusQuery query = message.body();
    if (query == null) {
      message.fail(400, "a StatusQuery is required");
      return;
    }
    if (query == StatusQuery.HEALTH) {
      Health health = tracker.health();
      if (health.ok()) {
        message.reply(Health.OK);
      } else {
        message.fail(UNHEALTHY, health.reason());
      }
      return;
    }
    if (query == StatusQuery.CLUSTER_JSON) {
      clusterStatus().onSuccess(message::reply)
          .onFailure(e -> message.fail(500, String.valueOf(e.getMessage())));
      return;
    }
    if (query == StatusQuery.ADVICE) {
      message.reply(KeepaliveAdvisor.toJson(sampler.advice()).encode());
      return;
    }
    if (query == StatusQuery.HISTORY) {
      message.reply(sampler.historyJson());
      return;
    }
    collect().onComplete(ar -> {
      if (ar.failed()) {
        message.fail(500, String.valueOf(ar.cause().getMessage()));
        return;
      }
      message.reply(render(query, ar.result()));
    });
  }

  private Future<StatsAggregate> collect() {
    Future<HealthReport> health = collector.health();
    Future<AccessLogStats> accessLog = collector.accessLog();
    return collector.collect(tracker.instances()).compose(collection -> Future.join(health, accessLog).map(both -> {
      HealthReport report = health.result();
      if (!collection.silent().isEmpty()) {
        collection.silent().forEach(tracker::drop);
        LOG.warning("listener instances did not report their counters and were dropped: "
            + collection.silent() + "; asking running instances to announce themselves again");
        // A merely slow instance answers the announcement and is collected from again next time.
        vertx.eventBus().publish(Addresses.INSTANCE_ANNOUNCE, null, LocalDelivery.options());
      }
      return StatsAggregate.of(collection.stats(), report, accessLog.result());
    }));
  }

  /**
   * Every fleet node's document (the fleet verticle asks them, this one included) and the sums; with
   * clustering off no one answers the fleet address and this node is the only one.
   */
  private Future<String> clusterStatus() {
    return vertx.eventBus().<JsonArray>request(Addresses.FLEET_STATUS, null, LocalDelivery.options(CLUSTER_TIMEOUT))
        .map(reply -> reply.body())
        .recover(e -> e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS
            ? collect().map(aggregate -> new JsonArray().add(new JsonObject().put("self", true)
                .put("status", StatusJsonRenderer.render(aggregate, runtime, tracker.running(), Instant.now()))))
            : Future.failedFuture(e))
        .map(nodes -> ClusterStatusRenderer.render(nodes).encode());
  }

  private String render(StatusQuery query, StatsAggregate aggregate) {
    return switch (query) {
      case STUB_STATUS -> StubStatusRenderer.render(aggregate);
      case STATUS_JSON -> StatusJsonRenderer.render(aggregate, runtime, tracker.running(), Instant.now()).encode();
      case METRICS -> {
        meters.update(aggregate);
        yield meters.scrape();
      }
      case HEALTH, CLUSTER_JSON, ADVICE, HISTORY -> throw new IllegalStateException(query + " is answered without collecting");
    };
  }
}
