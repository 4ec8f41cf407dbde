package io.lightningop.operator.cli;

import io.lightningop.operator.git.GitAuth;
import io.lightningop.operator.git.GitSource;
import io.lightningop.operator.git.WorkingCopy;
import io.lightningop.operator.k8s.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The git options of {@code lightning up}: {@code --git URL [--ref main] [--path project.yaml]}.
 * Secrets come from the environment or files, never from the command line (which {@code ps} shows):
 * {@code LIGHTNING_GIT_TOKEN} for HTTPS, {@code --ssh-key}/{@code --known-hosts} files for SSH,
 * {@code LIGHTNING_GIT_WEBHOOK_SECRET} for push webhooks.
 */
public final class GitSourceOptions {
  static final String TOKEN_ENV = "LIGHTNING_GIT_TOKEN";
  static final String WEBHOOK_SECRET_ENV = "LIGHTNING_GIT_WEBHOOK_SECRET";

  @Option(names = "--git", paramLabel = "URL", description = "follow the project in this git repository (https://, ssh://, git@host:path, file://)")
  String url;

  @Option(names = "--ref", paramLabel = "REF", description = "branch, tag, commit or tag range like '>=1.2.0 <2.0.0' (default: the default branch)")
  String ref;

  @Option(names = "--path", paramLabel = "PATH", defaultValue = "project.yaml",
      description = "project.yaml inside the repository (default: ${DEFAULT-VALUE})")
  String path;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1m", description = "how often to poll (default: ${DEFAULT-VALUE})")
  String interval;

  @Option(names = "--git-user", paramLabel = "USER", description = "HTTPS user; the token is read from $" + TOKEN_ENV)
  String user;

  @Option(names = "--ssh-key", paramLabel = "FILE", description = "SSH private key for ssh:// and git@ URLs")
  Path sshKey;

  @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts for SSH (unknown hosts are refused)")
  Path knownHosts;

  @Option(names = "--write-back", paramLabel = "BRANCH", description = "commit projectState.json next to project.yaml on BRANCH after each apply")
  String writeBack;

  /**
   * The git source to follow: {@code --git}, else DIR when it is the root of a git working copy
   * (its commits on the checked-out branch are applied, not uncommitted edits), else none.
   */
  Optional<GitSource> source(Path dir) throws IOException {
    GitSource source;
    if (url != null) {
      source = GitSource.of(nameOf(url), url, ref, path);
    } else if (dir != null && Files.exists(dir.resolve(".git"))) {
      Optional<GitSource> local = WorkingCopy.detect(dir, path);
      if (local.isEmpty()) return Optional.empty();
      source = local.get();
    } else {
      return Optional.empty();
    }
    source = source.withInterval(Durations.parse(interval)).withAuth(auth()).withWriteBack(writeBack);
    String secret = System.getenv(WEBHOOK_SECRET_ENV);
    return Optional.of(secret == null || secret.isBlank() ? source : source.withWebhookSecret(secret));
  }

  private GitAuth auth() throws IOException {
    if (sshKey != null) {
      if (knownHosts == null) throw new IllegalArgumentException("--ssh-key needs --known-hosts (unknown hosts are refused)");
      return GitAuth.ssh(Files.readString(sshKey, StandardCharsets.UTF_8), Files.readString(knownHosts, StandardCharsets.UTF_8));
    }
    String token = System.getenv(TOKEN_ENV);
    return token == null || token.isBlank() ? GitAuth.NONE : GitAuth.https(user, token);
  }

  /** A source name from the URL's last segment: {@code https://host/org/flows.git} → {@code flows}. */
  static String nameOf(String url) {
    String s = url.replaceAll("/+$", "").replaceAll("\\.git$", "");
    s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf(':')) + 1).replaceAll("[^A-Za-z0-9._-]+", "-");
    return s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0)) ? "git" : s;
  }
}
