package io.lightningop.operator.git;

import io.lightningop.operator.state.ProjectRejectedException;
import io.lightningop.spec.LoadedProject;
import io.lightningop.spec.ProjectLoader;
import io.lightningop.spec.state.DeployError;
import io.lightningop.spec.state.ProjectState;
import io.lightningop.spec.validate.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Lightning project at the newest good commit of one git source: fetch → check out the
 * project folder → load project.yaml (problems as {@code file:line:col}) → apply through the
 * {@link ProjectTarget}. A commit that fails leaves the last good revision live and is reported
 * in the status until a newer commit succeeds. Syncs of one source never overlap.
 */
public final class GitSourceSyncer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GitSourceSyncer.class);
  /** Name of the OpenFn CLI's state file, looked for next to project.yaml. */
  public static final String STATE_FILE = "projectState.json";

  private final GitSource source;
  private final Path cacheDir;
  private final GitFetcher fetcher;
  private final ProjectTarget target;
  private final Clock clock;
  private final StateWriteBack writeBack;
  private volatile GitSyncStatus status;

  /** @param cacheRoot folder for all sources' caches; this source uses a folder of its own in it */
  public GitSourceSyncer(GitSource source, Path cacheRoot, ProjectTarget target, Clock clock) {
    this.source = source;
    this.cacheDir = cacheRoot.resolve(cacheKey(source));
    this.fetcher = new GitFetcher(source, cacheDir);
    this.target = target;
    this.clock = clock;
    this.writeBack = source.writeBackBranch() == null ? null : new StateWriteBack(source, fetcher);
    this.status = GitSyncStatus.initial(source.name());
  }

  public GitSource source() {
    return source;
  }

  public GitSyncStatus status() {
    return status;
  }

  /** Fetches and, when the ref moved, applies the new revision. Never throws for a bad remote or commit. */
  public synchronized GitSyncStatus sync() {
    GitSyncStatus before = status;
    GitFetcher.Fetched fetched;
    try {
      fetched = fetcher.fetch();
    } catch (GitSourceException e) {
      if (!before.errors().equals(List.of(e.getMessage()))) LOG.warn("git source {}: {}", source.name(), e.getMessage());
      return status = before.fetchFailed(e.getMessage(), clock.instant());
    }
    String sha = fetched.sha();
    if (sha.equals(before.failedRevision())) return status = before.unchanged(clock.instant());
    if (sha.equals(before.appliedRevision()) && before.failedRevision() == null) {
      return status = before.applied(before.projectId(), sha, before.version(), clock.instant());
    }
    return status = applyRevision(before, sha, fetched.refName());
  }

  private GitSyncStatus applyRevision(GitSyncStatus before, String sha, String refName) {
    Path checkout;
    try {
      checkout = GitCheckout.extract(fetcher.repository(), sha, source.path(), cacheDir.resolve("checkouts"));
    } catch (GitSourceException e) {
      return rejected(before, sha, List.of(e.getMessage()));
    }
    Path yaml = checkout.resolve(source.path());
    if (!Files.isRegularFile(yaml)) {
      return rejected(before, sha, List.of(source.path() + ":1:1 file not found in commit " + sha));
    }
    LoadedProject loaded;
    ProjectState repoState;
    try {
      // Problems name the file as the repository does (project.yaml:12:5), not the cache path.
      loaded = ProjectLoader.parse(Files.readString(yaml, StandardCharsets.UTF_8), source.path(), yaml.getParent());
      Path stateFile = yaml.resolveSibling(STATE_FILE);
      repoState = Files.isRegularFile(stateFile) ? ProjectState.read(stateFile) : null;
    } catch (IOException | DeployError e) {
      return rejected(before, sha, List.of(source.path() + ": " + e.getMessage()));
    }
    if (!loaded.valid()) return rejected(before, sha, loaded.problems().stream().map(Problem::toString).toList());
    UUID projectId = projectId(before, repoState);
    ProjectTarget.Applied applied;
    try {
      applied = target.apply(projectId, loaded.project(), repoState, "git:" + source.name(), sha);
    } catch (ProjectRejectedException e) {
      return rejected(before, sha, e.errors().lines());
    } catch (DeployError e) {
      return rejected(before, sha, List.of(e.code() + ": " + e.getMessage()));
    }
    var result = applied.result();
    if (result.changed()) {
      LOG.info("git source {}: applied commit {} ({}) to project {} as version {}: {} change(s)", source.name(), sha,
          refName, projectId, result.version(), result.plan().size());
    } else {
      LOG.info("git source {}: commit {} ({}) is live in project {} (version {}, no changes)", source.name(), sha, refName,
          projectId, result.version());
    }
    if (before.failedRevision() != null) {
      LOG.info("git source {}: recovered; commit {} replaces failed commit {}", source.name(), sha, before.failedRevision());
    }
    if (writeBack != null && result.changed()) {
      try {
        writeBack.write(applied.state(), sha);
      } catch (GitSourceException e) {
        LOG.warn("git source {}: write-back of {} failed: {}", source.name(), STATE_FILE, e.getMessage());
      }
    }
    return before.applied(projectId, sha, result.version(), clock.instant());
  }

  private GitSyncStatus rejected(GitSyncStatus before, String sha, List<String> why) {
    LOG.warn("git source {}: commit {} not applied, {} stays live:\n  {}", source.name(), sha,
        before.appliedRevision() == null ? "nothing" : "commit " + before.appliedRevision(), String.join("\n  ", why));
    return before.rejected(sha, why, clock.instant());
  }

  /** The configured id, else the one the project already has, else the repository's projectState.json, else derived. */
  private UUID projectId(GitSyncStatus before, ProjectState repoState) {
    if (source.projectId() != null) return source.projectId();
    if (before.projectId() != null) return before.projectId();
    if (repoState != null && repoState.id().isPresent()) {
      try {
        return UUID.fromString(repoState.id().get());
      } catch (IllegalArgumentException e) {
        LOG.warn("git source {}: {} has an id that is not a UUID; ignoring it", source.name(), STATE_FILE);
      }
    }
    return derivedId(source);
  }

  /** A UUID (version 4 layout) that is the same on every restart for one repository and path. */
  static UUID derivedId(GitSource source) {
    byte[] h = sha256("lightning-git-source\0" + source.url() + "\0" + source.path());
    h[6] = (byte) ((h[6] & 0x0f) | 0x40);
    h[8] = (byte) ((h[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) msb = (msb << 8) | (h[i] & 0xff);
    for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (h[i] & 0xff);
    return new UUID(msb, lsb);
  }

  private static String cacheKey(GitSource source) {
    return source.name() + "-" + HexFormat.of().formatHex(sha256(source.url())).substring(0, 12);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    fetcher.close();
  }
}
