package io.holdfast.config.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;

/**
 * Whether a private key belongs to a certificate's public key: the key signs a fixed message and the
 * public key must verify it, which works the same for every algorithm the JDK signs with (what
 * {@code openssl x509 -modulus} comparisons do for RSA only). Once per certificate and config parse.
 */
final class KeyPairs {

  private static final byte[] PROBE = "holdfast key check".getBytes(StandardCharsets.US_ASCII);

  private KeyPairs() {
  }

  static boolean belong(PublicKey publicKey, PrivateKey privateKey) {
    if (!family(publicKey.getAlgorithm()).equals(family(privateKey.getAlgorithm()))) {
      return false;
    }
    if (publicKey instanceof RSAKey pub && privateKey instanceof RSAKey priv) {
      // Cheaper than a signature, and covers RSASSA-PSS keys whose signatures need parameters.
      return pub.getModulus().equals(priv.getModulus());
    }
    String algorithm = switch (family(privateKey.getAlgorithm())) {
      case "EC" -> "SHA256withECDSA";
      default -> privateKey.getAlgorithm();
    };
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** RSA and RSASSA-PSS are one family (the same key material); EdDSA keys say Ed25519 or EdDSA. */
  private static String family(String algorithm) {
    return switch (algorithm) {
      case "RSASSA-PSS" -> "RSA";
      case "EdDSA", "Ed25519" -> "Ed25519";
      default -> algorithm;
    };
  }
}
