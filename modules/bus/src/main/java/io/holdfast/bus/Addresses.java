package io.holdfast.bus;

/**
 * Every event-bus address Holdfast uses, defined once. The event bus carries control and observation
 * only: no request ever crosses it.
 *
 * <p>Every address here but the fleet ones is <b>local</b>: consumed with {@code localConsumer}, sent with
 * {@link LocalDelivery}, its bodies passed by reference ({@link LocalCodec}). On a clustered event bus none
 * of them is advertised to, or sent across, the cluster. The fleet addresses ({@code holdfast.fleet.*})
 * carry JSON between nodes ({@link #fleetNode}) or ask the local fleet verticle ({@link #FLEET_NODES},
 * {@link #FLEET_STATUS}).
 */
public final class Addresses {

  /** Published by the config verticle whenever a new {@code ConfigSnapshot} is running. */
  public static final String CONFIG_APPLIED = "holdfast.config.applied";
  /** Request, no body: replies with the running {@code ConfigSnapshot}. For verticles that start late. */
  public static final String CONFIG_CURRENT = "holdfast.config.current";
  /** Request with a {@code ConfigChange}: replies with a {@code ConfigChangeResult}. */
  public static final String CONFIG_CHANGE = "holdfast.config.change";
  /** Request, no body: replies with the last refused config file ({@code ConfigRejection}). */
  public static final String CONFIG_REJECTION = "holdfast.config.rejection";
  /**
   * Send, no body: re-read the config file now (SIGHUP). Replies with a {@code ConfigChangeResult}; the
   * requester reports a refusal (the config verticle does not log it too).
   */
  public static final String CONFIG_RELOAD = "holdfast.config.reload";
  /** Request, no body: replies with the immutable {@code ConfigHistory} (the last applied versions, with diffs). */
  public static final String CONFIG_HISTORY = "holdfast.config.history";
  /** Request with a {@link ConfigRollback}: replies with a {@code ConfigChangeResult}. */
  public static final String CONFIG_ROLLBACK = "holdfast.config.rollback";

  /** Published by the routing verticle: a compiled {@code RouteTables} for one config version. */
  public static final String ROUTES_APPLIED = "holdfast.routes.applied";
  /** Published by the upstream verticle: a compiled {@code UpstreamPlan} for one config version. */
  public static final String UPSTREAMS_APPLIED = "holdfast.upstreams.applied";
  /** Request, no body, to the routing and upstream verticles: reply with their latest compiled plan. */
  public static final String ROUTES_CURRENT = "holdfast.routes.current";
  public static final String UPSTREAMS_CURRENT = "holdfast.upstreams.current";

  /**
   * Published by the upstream verticle, the owner of server health, whenever a server goes up or down (by
   * probe or passive mark): the whole {@link HealthReport}. Listener instances apply it on their own loops.
   */
  public static final String HEALTH_CHANGED = "holdfast.health.changed";
  /** Request, no body, to the upstream verticle: replies with a fresh {@link HealthReport} (last probes included). */
  public static final String HEALTH_CURRENT = "holdfast.health.current";
  /**
   * Send, to the upstream verticle: a listener instance's {@link PassiveMark}, only when its passive verdict
   * on a server changes, never per request.
   */
  public static final String HEALTH_PASSIVE = "holdfast.health.passive";

  /** Published by each listener instance when it starts ({@link InstanceAnnouncement}) and stops. */
  public static final String INSTANCE_UP = "holdfast.instance.up";
  public static final String INSTANCE_DOWN = "holdfast.instance.down";
  /** Published by the status verticle when it starts: every running instance announces itself again. */
  public static final String INSTANCE_ANNOUNCE = "holdfast.instance.announce";
  /** Per-instance address prefix; request, no body: replies with that instance's {@link InstanceStats}. */
  public static final String INSTANCE_STATS_PREFIX = "holdfast.instance.stats.";

  /** Request with a {@link StatusQuery}: replies with the rendered body as a String. */
  public static final String STATUS_QUERY = "holdfast.status.query";
  /**
   * Published by the status verticle once per sample period: the dashboard frame of the newest sample
   * (status document, rates of the last interval, advice) as a JSON String.
   */
  public static final String STATUS_SAMPLE = "holdfast.status.sample";

  /**
   * Send, no body, to the access log verticle: reopen the access log file (SIGUSR1, for logrotate). Replies
   * with nothing; the writer reopens between two batches of lines.
   */
  public static final String ACCESS_LOG_REOPEN = "holdfast.accesslog.reopen";
  /** Request, no body, to the access log verticle: replies with its {@link AccessLogStats}. */
  public static final String ACCESS_LOG_STATS = "holdfast.accesslog.stats";

  /** Published by a listener instance when its binding state changes; carries a {@link ListenerBinding}. */
  public static final String LISTENER_BINDING = "holdfast.listener.binding";

  /**
   * Local request with a {@code FleetChange} (a config version decided by the fleet): the config verticle
   * applies it as that version and replies with a {@code ConfigChangeResult}.
   */
  public static final String CONFIG_ADOPT = "holdfast.config.adopt";
  /**
   * Local request with a fleet config document ({@code JsonObject}): the config verticle validates it as this
   * node would run it and replies with the {@code ConfigChangeResult} of that check, applying nothing.
   */
  public static final String CONFIG_CHECK = "holdfast.config.check";

  /** Local request, no body: the fleet verticle replies with {@code GET /cluster}'s document (JsonObject). */
  public static final String FLEET_NODES = "holdfast.fleet.nodes";
  /**
   * Local request, no body: the fleet verticle replies with every node's status document, a JsonArray of
   * {@code {"id","address","status"}} (a node that did not answer has {@code "error"} instead of {@code "status"}).
   */
  public static final String FLEET_STATUS = "holdfast.fleet.status";
  /** Prefix of each node's cluster-wide address (JsonObject requests with an {@code op}). */
  public static final String FLEET_NODE_PREFIX = "holdfast.fleet.node.";

  /** The cluster-wide address of one node's fleet verticle: the only addresses that cross the cluster. */
  public static String fleetNode(String nodeId) {
    return FLEET_NODE_PREFIX + nodeId;
  }

  /** True for the addresses that may cross a cluster; everything else stays in the process. */
  public static boolean crossesCluster(String address) {
    return address.startsWith(FLEET_NODE_PREFIX);
  }

  public static String instanceStats(String instanceId) {
    return INSTANCE_STATS_PREFIX + instanceId;
  }

  private Addresses() {
  }
}
