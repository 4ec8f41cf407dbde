package io.lightningop.operator.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/** A real bare repository on disk and a working clone the test commits and pushes from. */
public final class TestRepo implements AutoCloseable {
  private static final PersonIdent AUTHOR = new PersonIdent("Test Author", "author@example.com");

  final Path bare;
  final Path work;
  private final Git git;

  public TestRepo(Path dir) {
    try {
      bare = dir.resolve("remote.git");
      work = dir.resolve("work");
      Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
      git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call();
      git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toString())).call();
    } catch (GitAPIException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return bare.toUri().toString();
  }

  /** Writes {@code files} (path → content; null deletes), commits and pushes to {@code branch}. @return the full SHA */
  public String push(String branch, String message, Map<String, String> files) {
    try {
      for (var e : files.entrySet()) {
        Path f = work.resolve(e.getKey());
        if (e.getValue() == null) {
          Files.deleteIfExists(f);
          git.rm().addFilepattern(e.getKey()).call();
        } else {
          Files.createDirectories(f.getParent());
          Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
          git.add().addFilepattern(e.getKey()).call();
        }
      }
      RevCommit c = git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
      git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)).setForce(true).call();
      return c.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public String push(String message, Map<String, String> files) {
    return push("main", message, files);
  }

  /** An annotated tag on the current commit, pushed. */
  void tag(String name) {
    try {
      git.tag().setName(name).setAnnotated(true).setMessage("release " + name).setTagger(AUTHOR).setSigned(false).call();
      git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/tags/" + name + ":refs/tags/" + name)).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  Git git() {
    return git;
  }

  @Override
  public void close() {
    git.close();
  }

  /** A valid project whose first job's body lives in {@code jobs/fetch.js} next to project.yaml. */
  public static String projectYaml(String projectName, String secondJobName) {
    return """
        name: %s
        workflows:
          intake:
            name: intake
            jobs:
              fetch:
                name: fetch
                adaptor: '@openfn/language-common@latest'
                body:
                  path: ./jobs/fetch.js
              %s:
                name: %s
                adaptor: '@openfn/language-common@latest'
                body: fn(s => s)
            triggers:
              webhook:
                type: webhook
                enabled: true
            edges:
              webhook->fetch:
                source_trigger: webhook
                target_job: fetch
                condition_type: always
              fetch->%s:
                source_job: fetch
                target_job: %s
                condition_type: on_job_success
        """.formatted(projectName, secondJobName, secondJobName, secondJobName, secondJobName);
  }
}
