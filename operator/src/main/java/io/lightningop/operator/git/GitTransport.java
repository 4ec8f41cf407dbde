package io.lightningop.operator.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Applies a source's {@link GitAuth} to JGit commands. SSH runs on Apache MINA sshd with only the
 * given key and known_hosts (never the user's ~/.ssh), and refuses hosts not listed there.
 */
final class GitTransport implements AutoCloseable {
  private final GitAuth auth;
  private final SshdSessionFactory ssh;

  /** @param sshDir a private folder for the key, known_hosts and ssh config of this source */
  GitTransport(GitAuth auth, Path sshDir) {
    this.auth = auth;
    this.ssh = auth.hasSshKey() ? sshFactory(auth, sshDir) : null;
  }

  <C extends TransportCommand<C, ?>> C configure(C command) {
    if (auth.hasPassword()) command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(auth.username(), auth.password()));
    command.setTransportConfigCallback(t -> {
      if (t instanceof SshTransport s) {
        if (ssh == null) throw new IllegalStateException("an ssh URL needs an SSH private key and known_hosts");
        s.setSshSessionFactory(ssh);
      }
    });
    command.setTimeout(60);
    return command;
  }

  private static SshdSessionFactory sshFactory(GitAuth auth, Path dir) {
    try {
      Files.createDirectories(dir);
      Path key = write(dir.resolve("identity"), auth.sshPrivateKey().strip() + "\n");
      Path knownHosts = write(dir.resolve("known_hosts"), auth.knownHosts() == null ? "" : auth.knownHosts());
      // Unknown or changed host keys are refused: there is nobody to ask.
      Path config = write(dir.resolve("config"), "Host *\n  StrictHostKeyChecking yes\n");
      return new SshdSessionFactoryBuilder()
          .setHomeDirectory(dir.toFile())
          .setSshDirectory(dir.toFile())
          .setPreferredAuthentications("publickey")
          .setConfigFile(d -> config.toFile())
          .setDefaultIdentities(d -> List.of(key))
          .setDefaultKeysProvider(d -> keys(auth.sshPrivateKey()))
          .setDefaultKnownHostsFiles(d -> List.of(knownHosts))
          .build(null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare SSH credentials in " + dir, e);
    }
  }

  /** The key pair(s) in an OpenSSH or PEM (PKCS#1/PKCS#8) private key text. */
  private static Iterable<java.security.KeyPair> keys(String text) {
    try {
      Iterable<java.security.KeyPair> keys = org.apache.sshd.common.util.security.SecurityUtils.loadKeyPairIdentities(null,
          org.apache.sshd.common.NamedResource.ofName("identity"),
          new java.io.ByteArrayInputStream(text.strip().concat("\n").getBytes(StandardCharsets.UTF_8)), null);
      return keys == null ? List.of() : keys;
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new UncheckedIOException(new IOException("cannot read the SSH private key: " + e.getMessage(), e));
    }
  }

  private static Path write(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Override
  public void close() {
    if (ssh != null) ssh.close();
  }
}
