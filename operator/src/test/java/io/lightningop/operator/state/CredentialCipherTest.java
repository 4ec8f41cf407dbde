package io.lightningop.operator.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCipherTest {
  @TempDir Path dir;

  @Test
  void sealsWithAFreshNonceAndRefusesOtherKeysAndTampering() throws Exception {
    EncryptionKey key = EncryptionKey.loadOrCreate(dir.resolve("key"));
    assertFalse(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key"))).contains("r--r"));
    CredentialCipher cipher = new CredentialCipher(key);
    byte[] plain = "{\"password\":\"hunter2\"}".getBytes(StandardCharsets.UTF_8);
    byte[] a = cipher.encrypt(plain);
    byte[] b = cipher.encrypt(plain);
    assertFalse(java.util.Arrays.equals(a, b), "same secret, different ciphertext");
    assertFalse(new String(a, StandardCharsets.ISO_8859_1).contains("hunter2"));
    assertArrayEquals(plain, new CredentialCipher(EncryptionKey.loadOrCreate(dir.resolve("key"))).decrypt(a));
    assertThrows(IllegalArgumentException.class, () -> new CredentialCipher(EncryptionKey.generate()).decrypt(a));
    a[a.length - 1] ^= 1;
    assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(a));
    assertThrows(IllegalArgumentException.class, () -> EncryptionKey.fromBase64("c2hvcnQ="));
  }

  @Test
  void databaseUrlsInLightningsForm() {
    DatabaseUrl u = DatabaseUrl.parse("postgres://light:p%40ss@db.internal:5433/lightning?sslmode=require");
    org.junit.jupiter.api.Assertions.assertEquals("jdbc:postgresql://db.internal:5433/lightning?sslmode=require", u.jdbcUrl());
    org.junit.jupiter.api.Assertions.assertEquals("p@ss", u.password());
    assertFalse(u.toString().contains("p@ss"));
    assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://x/y"));
  }
}
