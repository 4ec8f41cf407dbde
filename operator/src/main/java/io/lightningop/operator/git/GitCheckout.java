package io.lightningop.operator.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Writes the folder holding project.yaml, as it is in one commit, to {@code root/<sha>/}. Only
 * regular files are written: symbolic links and submodules are skipped, so a repository cannot
 * point the loader at files outside its checkout. Older checkouts are removed.
 */
final class GitCheckout {
  /** A repository bigger than this is refused rather than filling the disk. */
  static final long MAX_BYTES = 256L * 1024 * 1024;

  private GitCheckout() {}

  /** @return the checkout's root (the repository root as of {@code sha}) */
  static Path extract(Repository repo, String sha, String projectPath, Path root) {
    Path dir = root.resolve(sha);
    Path done = root.resolve(sha + ".done");
    if (Files.exists(done)) return dir;
    try {
      deleteTree(dir);
      String folder = projectPath.contains("/") ? projectPath.substring(0, projectPath.lastIndexOf('/')) : "";
      long total = 0;
      try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
        RevCommit commit = rw.parseCommit(ObjectId.fromString(sha));
        tw.addTree(commit.getTree());
        tw.setRecursive(true);
        if (!folder.isEmpty()) tw.setFilter(PathFilter.create(folder));
        while (tw.next()) {
          FileMode mode = tw.getFileMode(0);
          if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) continue;
          ObjectLoader blob = repo.open(tw.getObjectId(0));
          total += blob.getSize();
          if (total > MAX_BYTES) throw new GitSourceException("the folder of " + projectPath + " at " + sha + " is larger than "
              + (MAX_BYTES >> 20) + " MB");
          Path file = dir.resolve(tw.getPathString()).normalize();
          if (!file.startsWith(dir)) continue;
          Files.createDirectories(file.getParent());
          try (InputStream in = blob.openStream(); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
          }
        }
      }
      Files.createDirectories(dir);
      Files.createFile(done);
      removeOthers(root, sha);
      return dir;
    } catch (IOException e) {
      throw new GitSourceException("cannot check out " + sha + ": " + e.getMessage(), e);
    }
  }

  private static void removeOthers(Path root, String keep) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (!n.startsWith(keep)) deleteTree(p);
      }
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
    }
  }
}
