package io.lightningop.operator.git;

import io.lightningop.spec.state.ProjectState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optional write-back: commits the applied project's {@code projectState.json} next to
 * project.yaml on a configured branch and pushes it, so the repository keeps working with OpenFn's
 * CLI. Built in memory on the bare cache (no working tree); a commit is made only when the file
 * changes, so the write-back never triggers an endless apply loop.
 */
final class StateWriteBack {
  private static final Logger LOG = LoggerFactory.getLogger(StateWriteBack.class);
  private static final PersonIdent LIGHTNING = new PersonIdent("Lightning Operator", "lightning-operator@localhost");

  private final GitSource source;
  private final GitFetcher fetcher;

  StateWriteBack(GitSource source, GitFetcher fetcher) {
    this.source = source;
    this.fetcher = fetcher;
  }

  /** @return the new commit, or null when the branch already holds this state */
  String write(ProjectState state, String appliedSha) {
    String branch = Constants.R_HEADS + source.writeBackBranch();
    String local = "refs/lightning/write-back";
    Repository repo = fetcher.repository();
    String folder = source.path().contains("/") ? source.path().substring(0, source.path().lastIndexOf('/') + 1) : "";
    String file = folder + GitSourceSyncer.STATE_FILE;
    byte[] content = (state.toJson().endsWith("\n") ? state.toJson() : state.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ObjectId parentId = fetchBranch(branch, local);
      if (parentId == null) parentId = ObjectId.fromString(appliedSha); // a new branch starts at the applied commit
      try (RevWalk rw = new RevWalk(repo); ObjectInserter ins = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader()) {
        RevCommit parent = rw.parseCommit(parentId);
        ObjectId blob = ins.insert(Constants.OBJ_BLOB, content);
        try (TreeWalk existing = TreeWalk.forPath(repo, file, parent.getTree())) {
          if (existing != null && existing.getObjectId(0).equals(blob)) return null;
        }
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        builder.addTree(new byte[0], 0, reader, parent.getTree());
        builder.finish();
        DirCacheEditor editor = index.editor();
        editor.add(new DirCacheEditor.PathEdit(file) {
          @Override
          public void apply(DirCacheEntry ent) {
            ent.setFileMode(FileMode.REGULAR_FILE);
            ent.setObjectId(blob);
          }
        });
        editor.finish();
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(index.writeTree(ins));
        commit.setParentId(parent);
        PersonIdent now = new PersonIdent(LIGHTNING, java.time.Instant.now());
        commit.setAuthor(now);
        commit.setCommitter(now);
        commit.setMessage("lightning: " + GitSourceSyncer.STATE_FILE + " as applied from " + appliedSha + "\n");
        ObjectId created = ins.insert(commit);
        ins.flush();
        push(created, branch);
        LOG.info("git source {}: wrote {} to {} as commit {}", source.name(), file, source.writeBackBranch(), created.name());
        return created.name();
      }
    } catch (IOException e) {
      throw new GitSourceException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The remote branch's tip, or null when the branch does not exist yet. */
  private ObjectId fetchBranch(String branch, String local) throws IOException {
    try {
      boolean exists = fetcher.transport().configure(org.eclipse.jgit.api.Git.lsRemoteRepository().setRemote(source.url()))
          .callAsMap().containsKey(branch);
      if (!exists) return null;
      fetcher.transport().configure(fetcher.git().fetch().setRemote(source.url()).setTagOpt(TagOpt.NO_TAGS)
          .setRefSpecs(List.of(new RefSpec("+" + branch + ":" + local)))).call();
    } catch (GitAPIException | RuntimeException e) {
      throw new GitSourceException("cannot fetch " + branch + " from " + source.url() + ": " + GitFetcher.rootMessage(e), e);
    }
    return fetcher.repository().resolve(local);
  }

  private void push(ObjectId commit, String branch) {
    try {
      Iterable<PushResult> results = fetcher.transport().configure(fetcher.git().push().setRemote(source.url())
          .setRefSpecs(new RefSpec(commit.name() + ":" + branch))).call();
      for (PushResult r : results) {
        for (RemoteRefUpdate u : r.getRemoteUpdates()) {
          if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
            throw new GitSourceException("push to " + branch + " refused: " + u.getStatus()
                + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"));
          }
        }
      }
    } catch (GitAPIException | RuntimeException e) {
      if (e instanceof GitSourceException g) throw g;
      throw new GitSourceException("cannot push to " + branch + " of " + source.url() + ": " + GitFetcher.rootMessage(e), e);
    }
  }
}
