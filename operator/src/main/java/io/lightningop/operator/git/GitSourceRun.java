package io.lightningop.operator.git;

import io.vertx.ext.web.Router;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Git sources inside {@code lightning up}: polls them, serves their push webhooks, and prints
 * every applied revision with its full commit SHA, and every refused commit with its problems.
 */
public final class GitSourceRun implements AutoCloseable {
  private final GitSourcePoller poller;
  private final GitWebhookRouter webhooks;
  private final Map<String, GitSyncStatus> last = new ConcurrentHashMap<>();
  private final PrintWriter out;
  private final PrintWriter err;

  public GitSourceRun(List<GitSource> sources, Path cacheRoot, ProjectTarget target, PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
    this.poller = new GitSourcePoller(this::report);
    this.webhooks = new GitWebhookRouter(poller, Clock.systemUTC());
    for (GitSource s : sources) poller.add(new GitSourceSyncer(s, cacheRoot, target, Clock.systemUTC()));
  }

  /** Mounts {@code POST /hooks/git/{source}} on the control plane's router. */
  public void mount(Router router) {
    webhooks.mount(router);
  }

  public GitSourcePoller poller() {
    return poller;
  }

  private void report(GitSyncStatus now) {
    GitSyncStatus before = last.put(now.source(), now);
    String name = now.source();
    synchronized (this) {
      if (now.appliedRevision() != null && !Objects.equals(now.appliedRevision(), before == null ? null : before.appliedRevision())) {
        out.println("lightning up: git source " + name + ": applied commit " + now.appliedRevision() + " to project "
            + now.projectId() + " (version " + now.version() + ")");
        out.flush();
      }
      boolean newProblem = !now.errors().isEmpty() && (before == null || !before.errors().equals(now.errors())
          || !Objects.equals(before.failedRevision(), now.failedRevision()));
      if (newProblem) {
        err.println("lightning up: git source " + name + ": " + (now.failedRevision() != null
            ? "commit " + now.failedRevision() + " was not applied" : "fetch failed")
            + (now.appliedRevision() != null ? " (commit " + now.appliedRevision() + " stays live)" : "") + ":");
        now.errors().forEach(e -> err.println("  " + e));
        err.flush();
      }
    }
  }

  @Override
  public void close() {
    poller.close();
  }
}
