package io.lightningop.operator.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A git source over SSH (Apache MINA sshd on loopback serving JGit's upload-pack), with a test key pair and known_hosts. */
class GitSshIT {
  @TempDir Path tmp;
  private Database db;
  private TestRepo repo;
  private SshServer sshd;
  private KeyPair client;
  private KeyPair host;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.create();
    repo = new TestRepo(tmp.resolve("repos"));
    client = ecKeyPair();
    host = ecKeyPair();
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(host));
    sshd.setPublickeyAuthenticator(new KeySetPublickeyAuthenticator("test", List.of(client.getPublic())));
    sshd.setCommandFactory((channel, command) -> new AbstractCommandSupport(command, null) {
      @Override
      public void run() {
        // "git-upload-pack '/remote.git'": serve that repository from the test folder, read-only.
        String path = command.replaceFirst("^git-upload-pack\\s+", "").replace("'", "").replaceFirst("^/", "");
        try (Repository r = new FileRepositoryBuilder().setGitDir(tmp.resolve("repos").resolve(path).toFile()).setMustExist(true).build()) {
          new UploadPack(r).upload(getInputStream(), getOutputStream(), getErrorStream());
          onExit(0);
        } catch (IOException | RuntimeException e) {
          onExit(1, e.getMessage());
        }
      }
    });
    sshd.start();
  }

  @AfterEach
  void tearDown() throws IOException {
    sshd.stop(true);
    repo.close();
    db.close();
  }

  private static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** The key as ssh-keygen writes it (OpenSSH format). */
  private static String openSshKey(KeyPair k) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(k, "test", null, out);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private String knownHosts(KeyPair hostKey) {
    return "[127.0.0.1]:" + sshd.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n";
  }

  @Test
  void aKeyPairAndKnownHostsFetchOverSshAndAnUnknownHostKeyIsRefused() throws Exception {
    String first = repo.push("first", Map.of("project.yaml", TestRepo.projectYaml("over-ssh", "store"), "jobs/fetch.js", "fn(s => s)"));
    String url = "ssh://git@127.0.0.1:" + sshd.getPort() + "/remote.git";
    ProjectApplier applier = new ProjectApplier(db);

    GitSource impostor = GitSource.of("ssh-impostor", url, "main", null).withAuth(GitAuth.ssh(openSshKey(client), knownHosts(ecKeyPair())));
    try (GitSourceSyncer s = new GitSourceSyncer(impostor, tmp.resolve("cache"), new LightningProjects(db, applier), Clock.systemUTC())) {
      GitSyncStatus refused = s.sync();
      assertNull(refused.appliedRevision(), "a host whose key is not in known_hosts is not trusted");
      assertTrue(refused.errors().getFirst().contains(url), refused.errors().toString());
    }

    GitSource source = GitSource.of("ssh", url, "main", null).withAuth(GitAuth.ssh(openSshKey(client), knownHosts(host)));
    try (GitSourceSyncer s = new GitSourceSyncer(source, tmp.resolve("cache"), new LightningProjects(db, applier), Clock.systemUTC())) {
      GitSyncStatus applied = s.sync();
      assertEquals(first, applied.appliedRevision(), applied.errors().toString());
      String next = repo.push("second", Map.of("project.yaml", TestRepo.projectYaml("over-ssh", "archive")));
      assertEquals(next, s.sync().appliedRevision());
    }
  }
}
