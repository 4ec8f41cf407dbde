package io.lightningop.runtime.adaptor.npm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** Checks tarball bytes against the registry's Subresource Integrity string (or legacy sha1 shasum). */
public final class Integrity {
  private Integrity() {}

  /**
   * @throws SecurityException naming the package when no listed hash matches (or none is usable)
   */
  public static void verify(PackageId id, byte[] data, String integrity, String shasum) {
    boolean checked = false;
    if (integrity != null && !integrity.isBlank()) {
      for (String entry : integrity.trim().split("\\s+")) {
        int dash = entry.indexOf('-');
        if (dash < 0) continue;
        String algorithm = switch (entry.substring(0, dash)) {
          case "sha512" -> "SHA-512";
          case "sha384" -> "SHA-384";
          case "sha256" -> "SHA-256";
          case "sha1" -> "SHA-1";
          default -> null;
        };
        if (algorithm == null) continue;
        checked = true;
        String expected = entry.substring(dash + 1).replaceAll("\\?.*$", "");
        if (Base64.getEncoder().encodeToString(digest(algorithm, data)).equals(expected)) return;
      }
    }
    if (!checked && shasum != null && !shasum.isBlank()) {
      checked = true;
      if (HexFormat.of().formatHex(digest("SHA-1", data)).equalsIgnoreCase(shasum.trim())) return;
    }
    throw new SecurityException(checked
        ? "integrity check failed for " + id + ": the downloaded tarball does not match the registry's hash "
            + (integrity != null ? integrity : "sha1 " + shasum) + "; it was not installed"
        : "no usable integrity hash for " + id + " in the registry metadata; refusing to install it");
  }

  /** The {@code sha512-<base64>} string of data, as written next to installed packages. */
  public static String sha512(byte[] data) {
    return "sha512-" + Base64.getEncoder().encodeToString(digest("SHA-512", data));
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
