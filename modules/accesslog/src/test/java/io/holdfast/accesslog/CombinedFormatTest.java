package io.holdfast.accesslog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CombinedFormatTest {

  /** nginx's combined, then uct= and the contract's fixed end: rt= urt= reused= upstream=. */
  static final Pattern COMBINED = Pattern.compile("^(?<addr>\\S+) - (?<user>\\S+) \\[(?<time>[^\\]]+)\\] "
      + "\"(?<request>[^\"]*)\" (?<status>\\d{3}) (?<bytes>\\d+) \"(?<referer>[^\"]*)\" \"(?<agent>[^\"]*)\" "
      + "uct=(?<uct>-|\\d+\\.\\d{3}) rt=(?<rt>\\d+\\.\\d{3}) urt=(?<urt>-|\\d+\\.\\d{3}) "
      + "reused=(?<reused>[01-]) upstream=(?<upstream>\\S+)$");

  private final CombinedFormat format = new CombinedFormat(new LogClock(ZoneId.of("Europe/Berlin")));

  private String line(AccessRecord record) {
    LineBuffer out = new LineBuffer(16);
    format.append(record, out);
    String text = new String(out.view().array(), 0, out.length(), StandardCharsets.US_ASCII);
    assertThat(text).endsWith("\n");
    return text.substring(0, text.length() - 1);
  }

  private Matcher parsed(AccessRecord record) {
    String line = line(record);
    Matcher m = COMBINED.matcher(line);
    assertThat(m.matches()).as(line).isTrue();
    return m;
  }

  @Test
  void aRequestOnAFreshConnectionHasItsConnectTime() {
    String line = line(Records.proxied(false));

    assertThat(line).isEqualTo("127.0.0.1 - - [25/Nov/2026:08:00:00 +0100] \"GET /a?b=1 HTTP/1.1\" 200 12 \"-\" "
        + "\"curl/8.0\" uct=0.000 rt=0.002 urt=0.002 reused=0 upstream=127.0.0.1:8000");
    assertThat(parsed(Records.proxied(false)).group("uct")).isEqualTo("0.000");
  }

  @Test
  void aRequestOnAReusedConnectionHasNoConnectTime() {
    Matcher m = parsed(Records.proxied(true));

    assertThat(m.group("uct")).isEqualTo("-");
    assertThat(m.group("reused")).isEqualTo("1");
    assertThat(m.group("upstream")).isEqualTo("127.0.0.1:8000");
  }

  @Test
  void aRequestHoldfastAnsweredItselfHasNoUpstreamFields() {
    Matcher m = parsed(Records.selfAnswered(404));

    assertThat(m.group("status")).isEqualTo("404");
    assertThat(m.group("rt")).isEqualTo("0.000");
    assertThat(m.group("urt")).isEqualTo("-");
    assertThat(m.group("uct")).isEqualTo("-");
    assertThat(m.group("reused")).isEqualTo("-");
    assertThat(m.group("upstream")).isEqualTo("-");
    assertThat(m.group("agent")).isEqualTo("-");
  }

  @Test
  void aRequestWithoutARequestLineIsADash() {
    AccessRecord timedOut = new AccessRecord("main", Records.AT, "127.0.0.1", null, null, null, null, 408, 20,
        null, null, 60_000_000_000L, null, null, AccessRecord.NO_UPSTREAM, -1, -1, 0);

    Matcher m = parsed(timedOut);

    assertThat(m.group("request")).isEqualTo("-");
    assertThat(m.group("rt")).isEqualTo("60.000");
  }

  @Test
  void quotesBackslashesControlAndNonAsciiBytesAreEscapedAsNginxDoes() {
    // As Netty hands them over: one char per received byte; "é" in UTF-8 is the bytes C3 A9.
    String agent = "say \"hi\"\\\t\u00c3\u00a9";
    AccessRecord r = new AccessRecord("main", Records.AT, "127.0.0.1", null, "GET", "/p\"q", "HTTP/1.1", 200, 0,
        "x\ny", agent, 0, null, null, AccessRecord.NO_UPSTREAM, -1, -1, 0);

    Matcher m = parsed(r);

    assertThat(m.group("agent")).isEqualTo("say \\x22hi\\x22\\x5C\\x09\\xC3\\xA9");
    assertThat(m.group("request")).isEqualTo("GET /p\\x22q HTTP/1.1");
    assertThat(m.group("referer")).isEqualTo("x\\x0Ay");
  }

  @Test
  void theBasicAuthenticationUserIsTheRemoteUser() {
    String basic = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
    AccessRecord r = new AccessRecord("main", Records.AT, "127.0.0.1", basic, "GET", "/", "HTTP/1.1", 200, 0,
        null, null, 0, null, null, AccessRecord.NO_UPSTREAM, -1, -1, 0);

    assertThat(parsed(r).group("user")).isEqualTo("alice");
    assertThat(line(r)).doesNotContain("secret");
  }

  @Test
  void secondsAreRoundedToTheMillisecond() {
    LineBuffer out = new LineBuffer(4);
    out.seconds(1_499_999).append(' ').seconds(1_500_000).append(' ').seconds(61_234_567_890L);

    assertThat(new String(out.view().array(), 0, out.length(), StandardCharsets.US_ASCII))
        .isEqualTo("0.001 0.002 61.235");
  }
}
