package io.lightningop.operator.git;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a push webhook came from someone holding the source's secret, in the three forms
 * hosts send: GitHub's {@code X-Hub-Signature-256: sha256=HMAC(body)}, GitLab's
 * {@code X-Gitlab-Token: secret}, and a generic {@code X-Signature-256: sha256=HMAC(timestamp.body)}
 * with {@code X-Signature-Timestamp} (unix seconds), which also bounds replays in time.
 * Comparisons take constant time.
 */
public final class WebhookSignatures {
  public static final String GITHUB = "X-Hub-Signature-256";
  public static final String GITLAB = "X-Gitlab-Token";
  public static final String GENERIC = "X-Signature-256";
  public static final String GENERIC_TIMESTAMP = "X-Signature-Timestamp";
  /** A generic signature older (or newer) than this is refused. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  /** Accepted with the scheme that matched, or refused with why (for the log, never the secret). */
  public record Verdict(boolean accepted, String scheme, String reason) {
    static Verdict ok(String scheme) {
      return new Verdict(true, scheme, null);
    }

    static Verdict refused(String scheme, String reason) {
      return new Verdict(false, scheme, reason);
    }
  }

  private WebhookSignatures() {}

  /** @param header reads a request header by name (case-insensitive), null when absent */
  public static Verdict verify(String secret, Function<String, String> header, byte[] body, Instant now) {
    if (secret == null || secret.isEmpty()) return Verdict.refused("none", "no webhook secret is configured for this source");
    String github = header.apply(GITHUB);
    if (github != null) {
      return equal(github.trim().toLowerCase(Locale.ROOT), "sha256=" + hmac(secret, body))
          ? Verdict.ok("github") : Verdict.refused("github", GITHUB + " does not match the body");
    }
    String gitlab = header.apply(GITLAB);
    if (gitlab != null) {
      return equal(gitlab, secret) ? Verdict.ok("gitlab") : Verdict.refused("gitlab", GITLAB + " is wrong");
    }
    String generic = header.apply(GENERIC);
    if (generic != null) {
      String ts = header.apply(GENERIC_TIMESTAMP);
      long seconds;
      try {
        seconds = Long.parseLong(ts == null ? "" : ts.trim());
      } catch (NumberFormatException e) {
        return Verdict.refused("hmac", GENERIC_TIMESTAMP + " is missing or not unix seconds");
      }
      if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(MAX_SKEW) > 0) {
        return Verdict.refused("hmac", "signature timestamp " + seconds + " is more than " + MAX_SKEW.toMinutes() + " minutes off");
      }
      return equal(generic.trim().toLowerCase(Locale.ROOT), "sha256=" + hmac(secret, signedText(seconds, body)))
          ? Verdict.ok("hmac") : Verdict.refused("hmac", GENERIC + " does not match the timestamp and body");
    }
    return Verdict.refused("none", "unsigned: no " + GITHUB + ", " + GITLAB + " or " + GENERIC + " header");
  }

  /** What the generic scheme signs: {@code <timestamp>.<body>}. */
  public static byte[] signedText(long timestamp, byte[] body) {
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(body, 0, out, prefix.length, body.length);
    return out;
  }

  /** Lower-case hex HMAC-SHA256. */
  public static String hmac(String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean equal(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
