package io.holdfast.config;

import io.holdfast.config.key.RequestKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code routes[].split}: nginx's {@code split_clients} block as JSON. Percentages take two decimals at
 * most, as nginx's; they add up to at most 100 %, and a {@code "*"} bucket (at most one, the last) takes
 * the rest. Without {@code "*"} they must add up to exactly 100 %, so every key has an upstream.
 */
final class SplitSection {

  private static final int ALL = 100_00;

  private SplitSection() {
  }

  static SplitConfig parse(ConfigReader route, Map<String, UpstreamConfig> upstreams, List<ConfigError> errors) {
    JsonObject json = route.object("split");
    if (json == null) {
      return null;
    }
    ConfigReader r = new ConfigReader(json, route.path("split"), errors);
    String expression = r.string("key", null);
    RequestKey key = RequestKey.parse(expression);
    if (expression == null && !r.has("key")) {
      r.error("key", "is required ($remote_addr, $uri, $cookie_<name> or $header_<name>)");
    } else if (expression != null && key == null) {
      r.error("key", RequestKey.EXPECTED + ", got \"" + expression + "\"");
    }
    List<SplitConfig.Bucket> buckets = buckets(r, upstreams, errors);
    r.rejectUnknown();
    return new SplitConfig(key, buckets);
  }

  private static List<SplitConfig.Bucket> buckets(ConfigReader r, Map<String, UpstreamConfig> upstreams,
                                                  List<ConfigError> errors) {
    List<SplitConfig.Bucket> buckets = new ArrayList<>();
    JsonArray array = r.array("buckets");
    if (array == null || array.isEmpty()) {
      if (!r.has("buckets") || array != null) {
        r.error("buckets", "at least one bucket is required, e.g. [{\"percent\": 10, \"upstream\": \"canary\"}, "
            + "{\"percent\": \"*\", \"upstream\": \"app\"}]");
      }
      return buckets;
    }
    int sum = 0;
    boolean rest = false;
    boolean valid = true;
    for (int i = 0; i < array.size(); i++) {
      String path = r.path("buckets") + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject json)) {
        errors.add(new ConfigError(path, "must be an object such as {\"percent\": 10, \"upstream\": \"canary\"}"));
        valid = false;
        continue;
      }
      ConfigReader b = new ConfigReader(json, path, errors);
      int basisPoints = percent(b);
      String upstream = b.string("upstream", null);
      if (upstream == null && !b.has("upstream")) {
        b.error("upstream", "is required");
      } else if (upstream != null && !upstreams.containsKey(upstream)) {
        b.error("upstream", "upstream \"" + upstream + "\" is not defined" + ConfigReader.hint(upstream, upstreams.keySet()));
      }
      b.rejectUnknown();
      if (basisPoints < 0) {
        valid = false;
        continue;
      }
      if (rest) {
        b.error("percent", "no bucket may follow the \"*\" bucket");
      }
      rest |= basisPoints == SplitConfig.Bucket.REST;
      sum += basisPoints;
      buckets.add(new SplitConfig.Bucket(basisPoints, upstream));
    }
    if (valid && sum > ALL) {
      r.error("buckets", "the percentages add up to " + percent(sum) + " %, more than 100 %");
    } else if (valid && !rest && sum < ALL) {
      r.error("buckets", "the percentages add up to " + percent(sum) + " %: the other " + percent(ALL - sum)
          + " % of keys would have no upstream; add a bucket {\"percent\": \"*\", \"upstream\": ...}");
    }
    return buckets;
  }

  /** Basis points (hundredths of a percent), {@link SplitConfig.Bucket#REST} for "*", or -1 after an error. */
  private static int percent(ConfigReader b) {
    Object value = b.value("percent");
    if (value == null) {
      b.error("percent", "is required: a number above 0 (two decimals at most) or \"*\"");
      return -1;
    }
    if ("*".equals(value)) {
      return SplitConfig.Bucket.REST;
    }
    if (!(value instanceof Number n)) {
      b.error("percent", "must be a number above 0 (two decimals at most) or \"*\"");
      return -1;
    }
    BigDecimal percent = new BigDecimal(n.toString()).stripTrailingZeros();
    if (percent.signum() <= 0 || percent.scale() > 2 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
      b.error("percent", "must be above 0 and at most 100, with two decimals at most, got " + n);
      return -1;
    }
    return percent.movePointRight(2).intValueExact();
  }

  /** Basis points as a percentage, as the config writes it: {@code 1000} → {@code 10}, {@code 1250} → {@code 12.5}. */
  static Number percent(int basisPoints) {
    return basisPoints % 100 == 0 ? (Number) (basisPoints / 100) : (Number) (basisPoints / 100.0);
  }
}
