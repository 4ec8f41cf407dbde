package io.lightningop.operator.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit {@code PRIMARY_ENCRYPTION_KEY} (base64, as Lightning's). In embedded mode it is
 * generated on first start and kept in a file readable only by its owner.
 */
public final class EncryptionKey {
  private final SecretKeySpec key;

  private EncryptionKey(byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("PRIMARY_ENCRYPTION_KEY must be 32 bytes, base64-encoded (got " + raw.length + " bytes)");
    }
    this.key = new SecretKeySpec(raw, "AES");
  }

  public static EncryptionKey fromBase64(String base64) {
    try {
      return new EncryptionKey(Base64.getDecoder().decode(base64.trim()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PRIMARY_ENCRYPTION_KEY is not valid base64 of 32 bytes", e);
    }
  }

  public static EncryptionKey generate() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return new EncryptionKey(raw);
  }

  /** Reads the key from {@code file}, creating it (mode 600) when it does not exist yet. */
  public static EncryptionKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
      }
      EncryptionKey created = generate();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".key", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system; the folder's permissions have to do
      }
      Files.writeString(tmp, Base64.getEncoder().encodeToString(created.key.getEncoded()) + "\n");
      Files.move(tmp, file);
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the encryption key " + file + ": " + e.getMessage(), e);
    }
  }

  SecretKeySpec secretKey() {
    return key;
  }

  @Override
  public String toString() {
    return "EncryptionKey[hidden]";
  }
}
