package io.holdfast.proxy.compression;

import io.holdfast.config.ContentCoding;
import org.junit.jupiter.api.Test;

import static io.holdfast.config.ContentCoding.BR;
import static io.holdfast.config.ContentCoding.GZIP;
import static org.assertj.core.api.Assertions.assertThat;

/** Accept-Encoding with q-values (RFC 9110 §12.5.3), against the operator's order of codings. */
class AcceptEncodingTest {

  private static final ContentCoding[] BR_FIRST = {BR, GZIP};
  private static final ContentCoding[] GZIP_FIRST = {GZIP, BR};

  @Test
  void equalWeightsGoToTheOperatorsOrder() {
    assertThat(AcceptEncoding.choose("gzip, deflate, br, zstd", BR_FIRST)).isEqualTo(BR);
    assertThat(AcceptEncoding.choose("gzip, deflate, br, zstd", GZIP_FIRST)).isEqualTo(GZIP);
  }

  @Test
  void aHigherWeightWinsOverTheOperatorsOrder() {
    assertThat(AcceptEncoding.choose("br;q=0.5, gzip;q=0.8", BR_FIRST)).isEqualTo(GZIP);
    assertThat(AcceptEncoding.choose("gzip;q=0.001,br;q=0.002", GZIP_FIRST)).isEqualTo(BR);
  }

  @Test
  void qZeroRefusesACoding() {
    // Netty's HttpContentCompressor answers br here.
    assertThat(AcceptEncoding.choose("br;q=0, gzip", BR_FIRST)).isEqualTo(GZIP);
    assertThat(AcceptEncoding.choose("gzip;q=0.000, br;q=0", BR_FIRST)).isNull();
    assertThat(AcceptEncoding.choose("*;q=0", BR_FIRST)).isNull();
  }

  @Test
  void theWildcardStandsForEveryCodingNotNamed() {
    assertThat(AcceptEncoding.choose("*", BR_FIRST)).isEqualTo(BR);
    assertThat(AcceptEncoding.choose("br;q=0, *", BR_FIRST)).isEqualTo(GZIP);
    assertThat(AcceptEncoding.choose("gzip;q=0.2, *;q=0.5", GZIP_FIRST)).isEqualTo(BR);
  }

  @Test
  void noHeaderIdentityOrUnknownCodingsMeanNoCompression() {
    assertThat(AcceptEncoding.choose(null, BR_FIRST)).isNull();
    assertThat(AcceptEncoding.choose("", BR_FIRST)).isNull();
    assertThat(AcceptEncoding.choose("identity", BR_FIRST)).isNull();
    assertThat(AcceptEncoding.choose("deflate, zstd, brotli, xgzip", BR_FIRST)).isNull();
  }

  @Test
  void onlyOfferedCodingsAreChosen() {
    assertThat(AcceptEncoding.choose("br", new ContentCoding[] {GZIP})).isNull();
    assertThat(AcceptEncoding.choose("br, gzip", new ContentCoding[] {GZIP})).isEqualTo(GZIP);
  }

  @Test
  void spacingCaseAndXGzipAreTolerated() {
    assertThat(AcceptEncoding.choose("  GZIP ; Q = 0.7 ,\tBr;q=0.6", BR_FIRST)).isEqualTo(GZIP);
    assertThat(AcceptEncoding.choose("x-gzip", BR_FIRST)).isEqualTo(GZIP);
    assertThat(AcceptEncoding.choose("gzip;level=1;q=0.4, br;q=0.3", BR_FIRST)).isEqualTo(GZIP);
    assertThat(AcceptEncoding.choose(",,br,", BR_FIRST)).isEqualTo(BR);
  }

  @Test
  void aMalformedWeightRefusesRatherThanGuesses() {
    assertThat(AcceptEncoding.choose("br;q=high, gzip;q=0.5", BR_FIRST)).isEqualTo(GZIP);
    assertThat(AcceptEncoding.choose("br;q=1.5, gzip;q=0.5", BR_FIRST)).isEqualTo(GZIP);
    assertThat(AcceptEncoding.choose("br;q=0.12345", BR_FIRST)).isNull();
    assertThat(AcceptEncoding.choose("br;q=", BR_FIRST)).isNull();
    assertThat(AcceptEncoding.choose("br;q=1.000", BR_FIRST)).isEqualTo(BR);
  }
}
