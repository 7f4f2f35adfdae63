package io.holdfast.config.tls;

import io.vertx.core.net.impl.pkcs1.PrivateKeyParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Reads a listener certificate the way nginx's {@code ssl_certificate}/{@code ssl_certificate_key} do, and
 * refuses at parse time what would fail the first handshake: no certificate, a chain out of order, no key,
 * an encrypted key, a key that is not the certificate's, a PKCS#12 bundle the password does not open.
 * Keys: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}).
 */
public final class CertificateLoader {

  private static final Set<String> KEY_BLOCKS = Set.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY");
  /** Blocks a combined PEM file may carry besides certificates and a key. */
  private static final Set<String> IGNORED_BLOCKS = Set.of("EC PARAMETERS");
  private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"};

  private CertificateLoader() {
  }

  /**
   * A PEM chain ({@code cert}, leaf first) and its key ({@code key}, which may be the same file). A failure
   * names the key it belongs to: {@code cert} or {@code key}.
   */
  public static ServerCertificate pem(TlsFile cert, TlsFile key) throws TlsFileException {
    List<X509Certificate> chain;
    try {
      chain = chain(cert);
    } catch (TlsFileException e) {
      throw new TlsFileException(e.getMessage(), "cert");
    }
    PrivateKey privateKey;
    try {
      privateKey = privateKey(key);
    } catch (TlsFileException e) {
      throw new TlsFileException(e.getMessage(), "key");
    }
    checkPair(chain.get(0), privateKey, "\"" + key.path() + "\" is not the key of the certificate in \""
        + cert.path() + "\"", "key");
    return new ServerCertificate(ServerCertificate.Format.PEM, List.of(cert, key), null, privateKey, chain);
  }

  /** A PKCS#12 bundle with exactly one key entry; an unset password is the empty one. */
  public static ServerCertificate pkcs12(TlsFile bundle, String password) throws TlsFileException {
    char[] secret = password == null ? new char[0] : password.toCharArray();
    KeyStore store;
    try {
      store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(bundle.content()), secret);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new TlsFileException("does not open \"" + bundle.path() + "\" (wrong password)", "password");
      }
      throw new TlsFileException("\"" + bundle.path() + "\" is not a PKCS#12 file: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new TlsFileException("\"" + bundle.path() + "\" cannot be read as PKCS#12: " + e.getMessage());
    }
    try {
      List<String> keyAliases = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          keyAliases.add(alias);
        }
      }
      if (keyAliases.size() != 1) {
        throw new TlsFileException("\"" + bundle.path() + "\" holds " + keyAliases.size()
            + " private keys: give one bundle (one key and its chain) per certificate");
      }
      String alias = keyAliases.get(0);
      Key key = store.getKey(alias, secret);
      Certificate[] certificates = store.getCertificateChain(alias);
      if (!(key instanceof PrivateKey privateKey) || certificates == null || certificates.length == 0) {
        throw new TlsFileException("\"" + bundle.path() + "\" has no certificate chain for its key");
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : certificates) {
        chain.add((X509Certificate) certificate);
      }
      checkOrder(chain, bundle);
      checkPair(chain.get(0), privateKey, "\"" + bundle.path() + "\": its key is not the key of its certificate", null);
      return new ServerCertificate(ServerCertificate.Format.PKCS12, List.of(bundle), password, privateKey, chain);
    } catch (UnrecoverableKeyException e) {
      throw new TlsFileException("does not open the key in \"" + bundle.path() + "\" (wrong password)", "password");
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new TlsFileException("\"" + bundle.path() + "\" cannot be read as PKCS#12: " + e.getMessage());
    }
  }

  /** The CERTIFICATE blocks of {@code file}, leaf first, each issued by the next. */
  static List<X509Certificate> chain(TlsFile file) throws TlsFileException {
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("every JDK has X.509", e);
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (PemBlocks.Block block : PemBlocks.parse(file)) {
      if (block.type().equals("CERTIFICATE")) {
        try {
          chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        } catch (CertificateException | ClassCastException e) {
          throw new TlsFileException("\"" + file.path() + "\": certificate " + (chain.size() + 1)
              + " cannot be parsed: " + e.getMessage());
        }
      } else if (!KEY_BLOCKS.contains(block.type()) && !IGNORED_BLOCKS.contains(block.type())) {
        throw new TlsFileException("\"" + file.path() + "\" holds a " + block.type()
            + " block: a certificate file holds the certificate chain (and at most its key)");
      }
    }
    if (chain.isEmpty()) {
      throw new TlsFileException("\"" + file.path() + "\" holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    checkOrder(chain, file);
    return chain;
  }

  /** The one private key of {@code file}. */
  static PrivateKey privateKey(TlsFile file) throws TlsFileException {
    if (new String(file.content(), StandardCharsets.US_ASCII).contains("ENCRYPTED")) {
      throw new TlsFileException("\"" + file.path() + "\" holds an encrypted key: Holdfast reads unencrypted keys"
          + " (openssl pkey -in KEY -out KEY.plain), or use a PKCS#12 bundle with its password");
    }
    PrivateKey key = null;
    for (PemBlocks.Block block : PemBlocks.parse(file)) {
      if (!KEY_BLOCKS.contains(block.type())) {
        continue;
      }
      if (key != null) {
        throw new TlsFileException("\"" + file.path() + "\" holds more than one private key");
      }
      key = decode(block, file);
    }
    if (key == null) {
      throw new TlsFileException("\"" + file.path() + "\" holds no PEM private key (-----BEGIN PRIVATE KEY-----,"
          + " RSA PRIVATE KEY or EC PRIVATE KEY)");
    }
    return key;
  }

  private static PrivateKey decode(PemBlocks.Block block, TlsFile file) throws TlsFileException {
    try {
      switch (block.type()) {
        case "RSA PRIVATE KEY":
          return KeyFactory.getInstance("RSA").generatePrivate(PrivateKeyParser.getRSAKeySpec(block.der()));
        case "EC PRIVATE KEY":
          return KeyFactory.getInstance("EC").generatePrivate(PrivateKeyParser.getECKeySpec(block.der()));
        default:
          for (String algorithm : KEY_ALGORITHMS) {
            try {
              return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(block.der()));
            } catch (GeneralSecurityException e) {
              // Not this algorithm: PKCS#8 names it inside, the JDK wants it up front.
            }
          }
          throw new TlsFileException("\"" + file.path() + "\": the private key's algorithm is not supported"
              + " (RSA, EC, Ed25519)");
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new TlsFileException("\"" + file.path() + "\": the " + block.type() + " block cannot be parsed: "
          + e.getMessage());
    }
  }

  private static void checkOrder(List<X509Certificate> chain, TlsFile file) throws TlsFileException {
    for (int i = 0; i + 1 < chain.size(); i++) {
      if (!chain.get(i).getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal())) {
        throw new TlsFileException("\"" + file.path() + "\": certificate " + (i + 2) + " (" + chain.get(i + 1)
            .getSubjectX500Principal().getName() + ") did not issue certificate " + (i + 1)
            + ": the chain goes leaf first, then each issuer");
      }
    }
  }

  /** Refuses a key that does not sign for the certificate's public key. */
  private static void checkPair(X509Certificate leaf, PrivateKey key, String mismatch, String subKey)
      throws TlsFileException {
    if (!KeyPairs.belong(leaf.getPublicKey(), key)) {
      throw new TlsFileException(mismatch + " (" + leaf.getPublicKey().getAlgorithm() + " certificate, "
          + key.getAlgorithm() + " key that does not match it)", subKey);
    }
  }
}
