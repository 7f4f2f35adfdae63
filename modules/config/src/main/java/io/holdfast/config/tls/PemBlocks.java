package io.holdfast.config.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The {@code -----BEGIN TYPE-----} … {@code -----END TYPE-----} blocks of a PEM file (RFC 7468), decoded.
 * Text outside blocks (comments, {@code openssl x509 -text} output) is ignored, as OpenSSL does; a block
 * that is not closed or not Base64 is an error.
 */
public final class PemBlocks {

  /** One decoded block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}, …) and DER bytes. */
  public record Block(String type, byte[] der) {
  }

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private PemBlocks() {
  }

  public static List<Block> parse(TlsFile file) throws TlsFileException {
    String text = new String(file.content(), StandardCharsets.US_ASCII);
    List<Block> blocks = new ArrayList<>();
    int at = 0;
    while ((at = text.indexOf(BEGIN, at)) >= 0) {
      int typeEnd = text.indexOf(DASHES, at + BEGIN.length());
      int lineEnd = text.indexOf('\n', at);
      if (typeEnd < 0 || (lineEnd >= 0 && typeEnd > lineEnd)) {
        throw new TlsFileException("\"" + file.path() + "\" has a malformed PEM BEGIN line");
      }
      String type = text.substring(at + BEGIN.length(), typeEnd);
      String endLine = END + type + DASHES;
      int end = text.indexOf(endLine, typeEnd);
      if (end < 0) {
        throw new TlsFileException("\"" + file.path() + "\": PEM block " + type + " is not closed by " + endLine);
      }
      String body = text.substring(typeEnd + DASHES.length(), end).replaceAll("\\s", "");
      try {
        blocks.add(new Block(type, Base64.getDecoder().decode(body)));
      } catch (IllegalArgumentException e) {
        throw new TlsFileException("\"" + file.path() + "\": PEM block " + type + " is not valid Base64");
      }
      at = end + endLine.length();
    }
    return blocks;
  }
}
