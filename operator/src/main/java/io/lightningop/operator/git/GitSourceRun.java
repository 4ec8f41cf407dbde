package io.lightningop.operator.git;

import io.lightningop.operator.ControlPlane;
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
 * As a {@link ControlPlane.Extension} it starts with the control plane and applies through it.
 */
public final class GitSourceRun implements ControlPlane.Extension {
  private final GitSourcePoller poller;
  private final GitWebhookRouter webhooks;
  private final Map<String, GitSyncStatus> last = new ConcurrentHashMap<>();
  private final PrintWriter out;
  private final PrintWriter err;
  private final List<GitSource> sources;
  private final Path cacheRoot;

  public GitSourceRun(List<GitSource> sources, Path cacheRoot, PrintWriter out, PrintWriter err) {
    this.sources = List.copyOf(sources);
    this.cacheRoot = cacheRoot;
    this.out = out;
    this.err = err;
    this.poller = new GitSourcePoller(this::report);
    this.webhooks = new GitWebhookRouter(poller, Clock.systemUTC());
  }

  /** Starts polling, applying to {@code target}. */
  public void start(ProjectTarget target) {
    for (GitSource s : sources) poller.add(new GitSourceSyncer(s, cacheRoot, target, Clock.systemUTC()));
  }

  /** Applies through the control plane and serves {@code POST /hooks/git/{source}} on its router. */
  @Override
  public void mount(ControlPlane plane, Router router) {
    webhooks.mount(router);
    LightningProjects projects = new LightningProjects(plane.database(), plane.applier());
    // As for a project folder: locally there is no credential UI, so referenced credentials are
    // created empty (to be filled in later) instead of refusing the project.
    start((id, project, repoState, source, revision) -> {
      project.credentials().values().forEach(c -> plane.credentials().ensureExists(c.owner(), c.name()));
      return projects.apply(id, project, repoState, source, revision);
    });
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
        // One write for the headline and its errors, so a reader never sees one without the other.
        StringBuilder report = new StringBuilder("lightning up: git source " + name + ": " + (now.failedRevision() != null
            ? "commit " + now.failedRevision() + " was not applied" : "fetch failed")
            + (now.appliedRevision() != null ? " (commit " + now.appliedRevision() + " stays live)" : "") + ":"
            + System.lineSeparator());
        now.errors().forEach(e -> report.append("  ").append(e).append(System.lineSeparator()));
        synchronized (err) {
          err.print(report);
          err.flush();
        }
      }
    }
  }

  @Override
  public void close() {
    poller.close();
  }
}
