package io.lightningop.operator.git;

import java.time.Duration;
import java.util.UUID;

/**
 * A project kept in a git repository.
 *
 * @param name identifies the source in logs, in the cache and in {@code POST /hooks/git/{name}}
 * @param url https://, ssh://, git@host:path, file:// or a local path
 * @param ref branch, tag, full commit id or tag semver range (null: the default branch)
 * @param path project.yaml inside the repository; job {@code path:} files are relative to it
 * @param interval how often the remote is polled (webhooks make it immediate)
 * @param projectId the Lightning project to apply to; null: the id in a projectState.json next to
 *     project.yaml, else one derived from url and path (stable across restarts)
 * @param webhookSecret the secret push webhooks are signed with; null: webhooks are refused
 * @param writeBackBranch where to commit projectState.json after an apply; null: off
 */
public record GitSource(String name, String url, String ref, String path, Duration interval, GitAuth auth,
    UUID projectId, String webhookSecret, String writeBackBranch) {
  public static final String DEFAULT_PATH = "project.yaml";
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  public GitSource {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new IllegalArgumentException("git source name \"" + name + "\" must be letters, digits, '.', '_' or '-'");
    }
    if (url == null || url.isBlank()) throw new IllegalArgumentException("git source " + name + ": url is required");
    path = normalizePath(path == null || path.isBlank() ? DEFAULT_PATH : path);
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    auth = auth == null ? GitAuth.NONE : auth;
    GitRef.parse(ref); // fails early on a malformed range
  }

  public static GitSource of(String name, String url, String ref, String path) {
    return new GitSource(name, url, ref, path, null, null, null, null, null);
  }

  public GitRef gitRef() {
    return GitRef.parse(ref);
  }

  public GitSource withAuth(GitAuth a) {
    return new GitSource(name, url, ref, path, interval, a, projectId, webhookSecret, writeBackBranch);
  }

  public GitSource withInterval(Duration d) {
    return new GitSource(name, url, ref, path, d, auth, projectId, webhookSecret, writeBackBranch);
  }

  public GitSource withProjectId(UUID id) {
    return new GitSource(name, url, ref, path, interval, auth, id, webhookSecret, writeBackBranch);
  }

  public GitSource withWebhookSecret(String s) {
    return new GitSource(name, url, ref, path, interval, auth, projectId, s, writeBackBranch);
  }

  public GitSource withWriteBack(String branch) {
    return new GitSource(name, url, ref, path, interval, auth, projectId, webhookSecret, branch);
  }

  /** Repository-relative, forward slashes, and never outside the repository. */
  private static String normalizePath(String p) {
    String s = p.replace('\\', '/');
    while (s.startsWith("./")) s = s.substring(2);
    if (s.startsWith("/") || java.util.Arrays.asList(s.split("/")).contains("..")) {
      throw new IllegalArgumentException("path \"" + p + "\" must be relative to the repository root, without ..");
    }
    return s;
  }
}
