package io.lightningop.spec.worker;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The key material of the worker protocol in the form OpenFn's environment variables carry it
 * (§4.16): {@code WORKER_RUNS_PRIVATE_KEY} and {@code WORKER_LIGHTNING_PUBLIC_KEY} are base64 (no
 * padding) of PEM text, {@code WORKER_SECRET} is a plain string used as-is as the HMAC key.
 */
public final class WorkerKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private WorkerKeys() {}

  /** A fresh 2048-bit RSA pair, as {@code gen_worker_keys} makes. */
  public static KeyPair generateRunKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available in this JVM", e);
    }
  }

  /** base64 of 32 random bytes, the shape of OpenFn's generated {@code WORKER_SECRET}. */
  public static String generateSecret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  public static String pem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded()); // PKCS#8
  }

  public static String pem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded()); // X.509 SubjectPublicKeyInfo
  }

  /** The env-var form: base64 of the PEM text without padding. */
  public static String envValue(String pem) {
    return Base64.getEncoder().withoutPadding().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads an RSA private key from an env-var value (base64 of PEM, padded or not) or from PEM text;
   * accepts PKCS#8 ({@code BEGIN PRIVATE KEY}) and PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what
   * {@code openssl genrsa} wrote before OpenSSL 3).
   *
   * @param variable the variable's name, for error messages
   */
  public static PrivateKey privateKey(String value, String variable) {
    String pem = pemText(value, variable);
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (pem.contains("BEGIN RSA PRIVATE KEY")) {
        return rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(der(pem, variable))));
      }
      if (pem.contains("BEGIN PRIVATE KEY")) {
        return rsa.generatePrivate(new PKCS8EncodedKeySpec(der(pem, variable)));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(variable + " is not a valid RSA private key: " + e.getMessage());
    }
    throw new IllegalArgumentException(variable + " holds no PEM RSA private key (BEGIN PRIVATE KEY)");
  }

  /** Reads an RSA public key (X.509 {@code BEGIN PUBLIC KEY}) from an env-var value or PEM text. */
  public static PublicKey publicKey(String value, String variable) {
    String pem = pemText(value, variable);
    if (!pem.contains("BEGIN PUBLIC KEY")) {
      throw new IllegalArgumentException(variable + " holds no PEM public key (BEGIN PUBLIC KEY)");
    }
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem, variable)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(variable + " is not a valid RSA public key: " + e.getMessage());
    }
  }

  /** The public half of an RSA private key (CRT form, which every generated/parsed key has). */
  public static PublicKey publicOf(PrivateKey key) {
    if (!(key instanceof RSAPrivateCrtKey crt)) {
      throw new IllegalArgumentException("not an RSA CRT private key");
    }
    try {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pemText(String value, String variable) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(variable + " is not set");
    String v = value.strip();
    if (v.startsWith("-----BEGIN")) return v;
    try {
      return new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(variable + " is neither PEM text nor base64 of PEM text");
    }
  }

  private static byte[] der(String pem, String variable) {
    String body = pem.replaceAll("-----(BEGIN|END)[^-]*-----", "").replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(variable + " has a PEM body that is not base64");
    }
  }

  private static String pem(String type, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption OID). */
  private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algorithm = {
      0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octet = concat(new byte[] {0x04}, derLength(pkcs1.length), pkcs1);
    byte[] content = concat(version, algorithm, octet);
    return concat(new byte[] {0x30}, derLength(content.length), content);
  }

  private static byte[] derLength(int len) {
    if (len < 0x80) return new byte[] {(byte) len};
    byte[] raw = BigInteger.valueOf(len).toByteArray();
    int start = raw[0] == 0 ? 1 : 0;
    int n = raw.length - start;
    byte[] out = new byte[n + 1];
    out[0] = (byte) (0x80 | n);
    System.arraycopy(raw, start, out, 1, n);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
