package io.lightningop.operator.k8s.project;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lightningop.operator.git.GitAuth;
import io.lightningop.operator.git.GitSource;
import io.lightningop.operator.git.GitSourceException;
import io.lightningop.operator.git.GitSourceSyncer;
import io.lightningop.operator.git.GitSyncStatus;
import io.lightningop.operator.git.ProjectTarget;
import io.lightningop.operator.k8s.Durations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Project resources whose {@code spec.source.git} names a repository: one {@link GitSourceSyncer}
 * per resource (its cache kept between reconciles, so a poll fetches only what changed), applied
 * through {@link LiveProjects} like an inline Project. Credentials come from the Secret in
 * {@code secretRef}: {@code username} and {@code password} (or {@code token}), or {@code identity}
 * and {@code known_hosts}.
 */
final class GitProjects implements AutoCloseable {
  private final KubernetesClient client;
  private final Path cacheRoot;
  private final Clock clock;
  private final ProjectTarget target;
  private final Map<String, GitSourceSyncer> syncers = new ConcurrentHashMap<>();

  GitProjects(KubernetesClient client, LiveProjects live, Path cacheRoot, Clock clock) {
    this.client = client;
    this.cacheRoot = cacheRoot;
    this.clock = clock;
    // Keyed like inline resources (by names), so ids stay and drift checks compare like with like.
    this.target = (id, project, repoState, source, revision) ->
        new ProjectTarget.Applied(live.apply(id, CanonicalKeys.of(project), revision), live.state(id).orElse(null));
  }

  /** {@code $LIGHTNING_GIT_CACHE}, else a folder under the system temp dir. */
  static Path defaultCacheRoot() {
    String env = System.getenv("LIGHTNING_GIT_CACHE");
    return env == null || env.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "lightning-git") : Path.of(env);
  }

  static boolean isGitSourced(Project cr) {
    return cr.getSpec() != null && cr.getSpec().source() != null && cr.getSpec().source().git() != null;
  }

  /** Fetches and applies the resource's repository; never throws for a bad remote, Secret or commit. */
  GitSyncStatus sync(Project cr, UUID projectId) {
    GitSource source;
    try {
      source = source(cr, projectId);
    } catch (GitSourceException | IllegalArgumentException e) {
      return new GitSyncStatus(name(cr), projectId, null, null, null, List.of(e.getMessage()), null, clock.instant());
    }
    GitSourceSyncer syncer = syncers.compute(cr.getMetadata().getUid(), (uid, old) -> {
      if (old != null && old.source().equals(source)) return old;
      if (old != null) old.close();
      return new GitSourceSyncer(source, cacheRoot, target, clock);
    });
    return syncer.sync();
  }

  java.time.Duration interval(Project cr) {
    String every = cr.getSpec().source().git().interval();
    return every == null ? GitSource.DEFAULT_INTERVAL : Durations.parse(every);
  }

  void forget(Project cr) {
    GitSourceSyncer old = syncers.remove(cr.getMetadata().getUid());
    if (old != null) old.close();
  }

  private GitSource source(Project cr, UUID projectId) {
    SourceSpec.Git g = cr.getSpec().source().git();
    return new GitSource(name(cr), g.url(), g.ref(), g.path(), interval(cr), auth(cr, g.secretRef()), projectId, null, null);
  }

  private static String name(Project cr) {
    return cr.getMetadata().getNamespace() + "." + cr.getMetadata().getName();
  }

  private GitAuth auth(Project cr, SecretRef ref) {
    if (ref == null) return GitAuth.NONE;
    Secret secret = client.secrets().inNamespace(cr.getMetadata().getNamespace()).withName(ref.name()).get();
    if (secret == null) {
      throw new GitSourceException("spec.source.git.secretRef: Secret " + cr.getMetadata().getNamespace() + "/" + ref.name() + " does not exist");
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    String identity = decode(data.get("identity"));
    if (identity != null) return GitAuth.ssh(identity, decode(data.get("known_hosts")));
    String password = decode(data.getOrDefault("password", data.get("token")));
    if (password == null) {
      throw new GitSourceException("spec.source.git.secretRef: Secret " + ref.name() + " has neither password/token nor identity");
    }
    return GitAuth.https(decode(data.get("username")), password);
  }

  private static String decode(String base64) {
    return base64 == null ? null : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    syncers.values().forEach(GitSourceSyncer::close);
    syncers.clear();
  }
}
