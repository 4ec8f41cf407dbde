package io.lightningop.operator.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a bare mirror of one source's ref in a cache folder. Each fetch first lists the remote's
 * refs (one round trip) and downloads only when the wanted commit is not in the cache yet, and then
 * only that ref, so polling an unchanged repository transfers no objects.
 */
final class GitFetcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GitFetcher.class);

  /** The commit a ref points at now, and the remote ref it came from. */
  record Fetched(String sha, String refName) {}

  private final GitSource source;
  private final GitTransport transport;
  private final Git git;

  GitFetcher(GitSource source, Path cacheDir) {
    this.source = source;
    this.transport = new GitTransport(source.auth(), cacheDir.resolve("ssh"));
    try {
      Path repo = cacheDir.resolve("repo.git");
      this.git = Files.isDirectory(repo.resolve("objects"))
          ? Git.open(repo.toFile())
          : Git.init().setBare(true).setDirectory(repo.toFile()).call();
    } catch (IOException | GitAPIException e) {
      throw new GitSourceException("cannot open the git cache in " + cacheDir + ": " + e.getMessage(), e);
    }
  }

  Repository repository() {
    return git.getRepository();
  }

  Git git() {
    return git;
  }

  GitTransport transport() {
    return transport;
  }

  Fetched fetch() {
    Map<String, Ref> remote;
    try {
      remote = transport.configure(Git.lsRemoteRepository().setRemote(source.url())).callAsMap();
    } catch (GitAPIException | RuntimeException e) {
      throw new GitSourceException("cannot reach " + source.url() + ": " + rootMessage(e), e);
    }
    GitRef ref = source.gitRef();
    if (ref instanceof GitRef.Commit c) return fetchCommit(c.sha());
    String refName = refName(ref, remote);
    fetchIfMissing(refName, remote.get(refName).getObjectId());
    return new Fetched(commitOf(refName), refName);
  }

  /** The remote ref the source's ref names now. */
  private String refName(GitRef ref, Map<String, Ref> remote) {
    return switch (ref) {
      case GitRef.DefaultBranch d -> {
        Ref head = remote.get(Constants.HEAD);
        if (head != null && head.isSymbolic()) yield head.getTarget().getName();
        // Without a symbolic HEAD, the branch HEAD points at (main and master preferred).
        yield Stream.of("refs/heads/main", "refs/heads/master").filter(remote::containsKey)
            .filter(n -> head == null || remote.get(n).getObjectId().equals(head.getObjectId()))
            .findFirst()
            .or(() -> head == null ? Optional.empty() : remote.values().stream()
                .filter(r -> r.getName().startsWith(Constants.R_HEADS) && head.getObjectId().equals(r.getObjectId()))
                .map(Ref::getName).findFirst())
            .orElseThrow(() -> new GitSourceException(source.url() + " has no default branch; give a ref"));
      }
      case GitRef.Named n -> {
        if (remote.containsKey(Constants.R_HEADS + n.name())) yield Constants.R_HEADS + n.name();
        if (remote.containsKey(Constants.R_TAGS + n.name())) yield Constants.R_TAGS + n.name();
        throw new GitSourceException("ref \"" + n.name() + "\" is neither a branch nor a tag of " + source.url());
      }
      case GitRef.Tag t -> {
        if (remote.containsKey(Constants.R_TAGS + t.name())) yield Constants.R_TAGS + t.name();
        throw new GitSourceException("tag \"" + t.name() + "\" does not exist in " + source.url());
      }
      case GitRef.TagRange r -> {
        List<String> tags = remote.keySet().stream().filter(n -> n.startsWith(Constants.R_TAGS))
            .map(n -> n.substring(Constants.R_TAGS.length())).filter(n -> !n.endsWith("^{}")).toList();
        yield r.range().highest(tags).map(t -> Constants.R_TAGS + t)
            .orElseThrow(() -> new GitSourceException("no tag of " + source.url() + " matches \"" + r.range() + "\" (tags: "
                + (tags.isEmpty() ? "none" : String.join(", ", tags)) + ")"));
      }
      case GitRef.Commit c -> throw new IllegalStateException("commits are fetched by fetchCommit");
    };
  }

  private Fetched fetchCommit(String sha) {
    ObjectId id = ObjectId.fromString(sha);
    if (!has(id)) {
      // Servers rarely allow fetching an arbitrary commit: take every branch and tag instead.
      fetch(List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*")));
      if (!has(id)) throw new GitSourceException("commit " + sha + " is not on any branch or tag of " + source.url());
    }
    return new Fetched(sha, sha);
  }

  private void fetchIfMissing(String refName, ObjectId remoteId) {
    if (has(remoteId) && remoteId.equals(localRef(refName))) return;
    fetch(List.of(new RefSpec("+" + refName + ":" + refName)));
  }

  private void fetch(Collection<RefSpec> specs) {
    long start = System.nanoTime();
    try {
      transport.configure(git.fetch().setRemote(source.url()).setRefSpecs(List.copyOf(specs)).setTagOpt(TagOpt.NO_TAGS)
          .setRemoveDeletedRefs(false)).call();
    } catch (GitAPIException | RuntimeException e) {
      throw new GitSourceException("cannot fetch " + specs + " from " + source.url() + ": " + rootMessage(e), e);
    }
    LOG.debug("git source {}: fetched {} in {} ms", source.name(), specs, (System.nanoTime() - start) / 1_000_000);
  }

  private String commitOf(String refName) {
    try {
      ObjectId commit = git.getRepository().resolve(refName + "^{commit}");
      if (commit == null) throw new GitSourceException(refName + " of " + source.url() + " does not point at a commit");
      return commit.name();
    } catch (IOException e) {
      throw new GitSourceException("cannot read " + refName + " from the git cache: " + e.getMessage(), e);
    }
  }

  private ObjectId localRef(String refName) {
    try {
      Ref r = git.getRepository().exactRef(refName);
      return r == null ? null : r.getObjectId();
    } catch (IOException e) {
      return null;
    }
  }

  private boolean has(ObjectId id) {
    try {
      return id != null && git.getRepository().getObjectDatabase().has(id);
    } catch (IOException e) {
      return false;
    }
  }

  static String rootMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) message = t.getMessage();
    }
    return message;
  }

  @Override
  public void close() {
    git.close();
    transport.close();
  }
}
