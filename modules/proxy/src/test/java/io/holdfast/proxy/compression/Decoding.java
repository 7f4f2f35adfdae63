package io.holdfast.proxy.compression;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** What a client does with a compressed body: gzip through java.util.zip, br through brotli4j's decoder. */
public final class Decoding {

  private Decoding() {
  }

  public static byte[] decode(String contentEncoding, byte[] body) {
    return switch (contentEncoding) {
      case "gzip" -> gunzip(body);
      case "br" -> unbrotli(body);
      default -> throw new IllegalArgumentException("not a coding the tests decode: " + contentEncoding);
    };
  }

  public static byte[] gunzip(byte[] body) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("not a gzip stream", e);
    }
  }

  public static byte[] unbrotli(byte[] body) {
    Brotli4jLoader.ensureAvailability();
    try {
      DirectDecompress result = Decoder.decompress(body);
      if (result.getResultStatus() != DecoderJNI.Status.DONE) {
        throw new IllegalStateException("not a whole brotli stream: " + result.getResultStatus());
      }
      return result.getDecompressedData();
    } catch (IOException e) {
      throw new UncheckedIOException("not a brotli stream", e);
    }
  }
}
