package io.lightningop.operator.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * {@code lightning up DIR} where DIR is inside a git working copy: the project is followed as
 * committed on the checked-out branch of that local repository (each commit applied and logged
 * with its SHA), with project.yaml's path inside the repository taken from DIR.
 */
public final class WorkingCopy {
  private WorkingCopy() {}

  /** The source for {@code dir/projectFile}, or empty when {@code dir} is not in a git working copy. */
  public static Optional<GitSource> detect(Path dir, String projectFile) {
    Path abs = dir.toAbsolutePath().normalize();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(abs.toFile());
    if (builder.getGitDir() == null) return Optional.empty();
    try (Repository repo = builder.setMustExist(true).build()) {
      if (repo.isBare()) return Optional.empty();
      Path root = repo.getWorkTree().toPath().toAbsolutePath().normalize();
      String path = root.relativize(abs.resolve(projectFile)).toString().replace('\\', '/');
      String branch = repo.getBranch(); // a commit id when detached
      String name = ("local-" + abs.getFileName()).replaceAll("[^A-Za-z0-9._-]+", "-");
      return Optional.of(GitSource.of(name, repo.getDirectory().toPath().toUri().toString(), branch, path));
    } catch (IOException | IllegalArgumentException e) {
      throw new GitSourceException("cannot read the git working copy at " + abs + ": " + e.getMessage(), e);
    }
  }
}
