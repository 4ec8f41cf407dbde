package io.lightningop.operator.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A git source on a real bare repository on disk, applied to a real PostgreSQL. */
class GitSourceIT {
  private static final String YAML = "lightning/project.yaml";
  private static final String FETCH_JS = "lightning/jobs/fetch.js";

  @TempDir Path tmp;
  private Database db;
  private ProjectApplier applier;
  private TestRepo repo;
  private GitSourceSyncer syncer;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create();
    applier = new ProjectApplier(db);
    repo = new TestRepo(tmp.resolve("repo"));
  }

  @AfterEach
  void tearDown() {
    if (syncer != null) syncer.close();
    repo.close();
    db.close();
  }

  private GitSourceSyncer syncer(GitSource source) {
    syncer = new GitSourceSyncer(source, tmp.resolve("cache"), new LightningProjects(db, applier), Clock.systemUTC());
    return syncer;
  }

  private static Map<String, String> files(String... pairs) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
    return m;
  }

  @Test
  void pushIsAppliedBadCommitKeepsLastGoodAndTheFixRecovers() {
    String good = repo.push("first", files(YAML, TestRepo.projectYaml("intake-project", "store"), FETCH_JS, "fn(s => ({...s, v: 1}))"));
    GitSourceSyncer s = syncer(GitSource.of("intake", repo.url(), "main", YAML));

    GitSyncStatus applied = s.sync();
    assertEquals(good, applied.appliedRevision(), applied.toString());
    assertEquals(good, applied.fetchedRevision());
    assertTrue(applied.healthy(), applied.errors().toString());
    UUID project = applied.projectId();
    assertEquals(good, applier.latestSnapshot(project).orElseThrow().sourceRevision());
    assertEquals("git:intake", applier.latestSnapshot(project).orElseThrow().source());
    assertEquals("fn(s => ({...s, v: 1}))", body(project, "fetch"), "the job body comes from the file next to project.yaml");

    // A dangling edge: the target job does not exist.
    String bad = repo.push("dangling edge", files(YAML, TestRepo.projectYaml("intake-project", "store")
        .replace("target_job: store", "target_job: nowhere")));
    GitSyncStatus rejected = s.sync();
    assertEquals(good, rejected.appliedRevision(), "the last good revision stays live");
    assertEquals(bad, rejected.failedRevision());
    assertEquals(bad, rejected.fetchedRevision());
    assertTrue(rejected.errors().stream().anyMatch(e -> e.matches("lightning/project\\.yaml:\\d+:\\d+ .*nowhere.*")), rejected.errors().toString());
    assertEquals(1, applier.latestSnapshot(project).orElseThrow().version(), "nothing was applied");

    // Polling the same bad commit again changes nothing and keeps the error.
    GitSyncStatus again = s.sync();
    assertEquals(rejected.errors(), again.errors());
    assertEquals(bad, again.failedRevision());

    // A job file that is missing in the next commit.
    String missing = repo.push("lost the job file", files(YAML, TestRepo.projectYaml("intake-project", "store"), FETCH_JS, null));
    GitSyncStatus noFile = s.sync();
    assertEquals(missing, noFile.failedRevision());
    assertEquals(good, noFile.appliedRevision());
    assertTrue(noFile.errors().stream().anyMatch(e -> e.startsWith("lightning/project.yaml:") && e.contains("jobs/fetch.js")), noFile.errors().toString());

    // Invalid YAML.
    String broken = repo.push("broken yaml", files(YAML, "name: x\nworkflows:\n  a: [unclosed\n", FETCH_JS, "fn(s => s)"));
    GitSyncStatus yaml = s.sync();
    assertEquals(broken, yaml.failedRevision());
    assertTrue(yaml.errors().stream().anyMatch(e -> e.startsWith("lightning/project.yaml:")), yaml.errors().toString());

    // The fix recovers by itself, keeping the ids of what stayed.
    UUID fetchJob = jobId(project, "fetch");
    String fix = repo.push("fix", files(YAML, TestRepo.projectYaml("intake-project", "archive"), FETCH_JS, "fn(s => ({...s, v: 2}))"));
    GitSyncStatus recovered = s.sync();
    assertEquals(fix, recovered.appliedRevision());
    assertNull(recovered.failedRevision());
    assertTrue(recovered.healthy());
    assertEquals(2, recovered.version());
    assertEquals(fix, applier.latestSnapshot(project).orElseThrow().sourceRevision());
    assertEquals("fn(s => ({...s, v: 2}))", body(project, "fetch"));
    assertEquals(fetchJob, jobId(project, "fetch"), "a job that stayed keeps its id");
    assertEquals(List.of("archive", "fetch"), jobNames(project));
  }

  @Test
  void anUnchangedRemoteIsNotReappliedAndARestartKeepsTheProject() {
    String c = repo.push("first", files(YAML, TestRepo.projectYaml("p", "store"), FETCH_JS, "fn(s => s)"));
    GitSource source = GitSource.of("steady", repo.url(), null, YAML);
    GitSyncStatus first = syncer(source).sync();
    assertEquals(c, first.appliedRevision());
    GitSyncStatus second = syncer.sync();
    assertEquals(first.version(), second.version());
    assertEquals(c, second.appliedRevision());
    syncer.close();

    // A new process (same cache folder) finds the same project and applies nothing new.
    GitSyncStatus restarted = syncer(source).sync();
    assertEquals(first.projectId(), restarted.projectId());
    assertEquals(1, restarted.version());
    assertEquals(1, applier.latestSnapshot(first.projectId()).orElseThrow().version());
  }

  @Test
  void tagRangesFollowTheHighestMatchingTag() {
    String v1 = repo.push("v1", files(YAML, TestRepo.projectYaml("tagged", "one"), FETCH_JS, "fn(s => s)"));
    repo.tag("v1.0.0");
    String v12 = repo.push("v1.2", files(YAML, TestRepo.projectYaml("tagged", "two")));
    repo.tag("v1.2.0");
    repo.push("v2", files(YAML, TestRepo.projectYaml("tagged", "three")));
    repo.tag("v2.0.0");
    repo.push("rc", files(YAML, TestRepo.projectYaml("tagged", "four")));
    repo.tag("v1.3.0-rc.1");
    repo.push("main moves on", files(YAML, TestRepo.projectYaml("tagged", "five")));

    GitSyncStatus range = syncer(GitSource.of("ranged", repo.url(), ">=1.0.0 <2.0.0", YAML)).sync();
    assertEquals(v12, range.appliedRevision(), "v1.2.0 is the highest 1.x release; rc and 2.0.0 are out");
    assertEquals(List.of("fetch", "two"), jobNames(range.projectId()));

    String v14 = repo.push("v1.4", files(YAML, TestRepo.projectYaml("tagged", "six")));
    repo.tag("v1.4.0");
    GitSyncStatus moved = syncer.sync();
    assertEquals(v14, moved.appliedRevision());
    assertEquals(List.of("fetch", "six"), jobNames(moved.projectId()));
    syncer.close();

    GitSyncStatus exact = syncer(GitSource.of("exact", repo.url(), "v1.0.0", YAML).withProjectId(UUID.randomUUID())).sync();
    assertEquals(v1, exact.appliedRevision(), "a plain tag name");
    syncer.close();

    GitSyncStatus pinned = syncer(GitSource.of("pinned", repo.url(), v12, YAML).withProjectId(UUID.randomUUID())).sync();
    assertEquals(v12, pinned.appliedRevision(), "a commit id");
    syncer.close();

    GitSyncStatus none = syncer(GitSource.of("none", repo.url(), "^3", YAML)).sync();
    assertNull(none.appliedRevision());
    assertTrue(none.errors().getFirst().contains("no tag of") && none.errors().getFirst().contains("^3"), none.errors().toString());
  }

  @Test
  void writeBackCommitsProjectStateNextToProjectYamlOnlyWhenItChanges() throws Exception {
    repo.push("first", files(YAML, TestRepo.projectYaml("written", "store"), FETCH_JS, "fn(s => s)"));
    GitSyncStatus s = syncer(GitSource.of("wb", repo.url(), "main", YAML).withWriteBack("lightning-state")).sync();
    assertTrue(s.healthy(), s.errors().toString());

    try (Git remote = Git.open(repo.bare.toFile())) {
      var ref = remote.getRepository().exactRef("refs/heads/lightning-state");
      assertTrue(ref != null, "the write-back branch exists");
      RevCommit tip = remote.getRepository().parseCommit(ref.getObjectId());
      String state = read(remote, tip, "lightning/projectState.json");
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(state);
      assertEquals(s.projectId().toString(), json.get("id").asText());
      assertEquals(jobId(s.projectId(), "fetch").toString(), json.at("/workflows/intake/jobs/fetch/id").asText(),
          "keyed as project.yaml keys it, with Lightning's ids");

      // The same project again: no new commit.
      syncer.sync();
      assertEquals(tip, remote.getRepository().parseCommit(remote.getRepository().exactRef("refs/heads/lightning-state").getObjectId()));
    }
  }

  @Test
  void aWorkingCopyIsFollowedCommitByCommitAndEveryAppliedShaIsPrinted() {
    String first = repo.push("first", files(YAML, TestRepo.projectYaml("local", "store"), FETCH_JS, "fn(s => s)"));
    GitSource source = WorkingCopy.detect(repo.work.resolve("lightning"), "project.yaml").orElseThrow()
        .withInterval(java.time.Duration.ofMillis(200));
    assertEquals(YAML, source.path());
    assertEquals("main", source.ref());

    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    try (GitSourceRun run = new GitSourceRun(List.of(source), tmp.resolve("cache"), new java.io.PrintWriter(out),
        new java.io.PrintWriter(err))) {
      run.start(new LightningProjects(db, applier));
      org.awaitility.Awaitility.await().atMost(30, java.util.concurrent.TimeUnit.SECONDS)
          .until(() -> out.toString().contains("applied commit " + first));
      String bad = repo.push("dangling", files(YAML, TestRepo.projectYaml("local", "store").replace("target_job: store", "target_job: gone")));
      org.awaitility.Awaitility.await().atMost(30, java.util.concurrent.TimeUnit.SECONDS)
          .until(() -> err.toString().contains("commit " + bad + " was not applied (commit " + first + " stays live)"));
      assertTrue(err.toString().contains(YAML + ":"), err.toString());
      String fix = repo.push("fix", files(YAML, TestRepo.projectYaml("local", "archive")));
      org.awaitility.Awaitility.await().atMost(30, java.util.concurrent.TimeUnit.SECONDS)
          .until(() -> out.toString().contains("applied commit " + fix));
    }
  }

  private static String read(Git git, RevCommit commit, String path) throws Exception {
    try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
      assertTrue(tw != null, path + " is in the commit");
      return new String(git.getRepository().open(tw.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private String body(UUID project, String job) {
    return db.jdbi().withHandle(h -> h.createQuery("""
            SELECT j.body FROM jobs j JOIN workflows w ON w.id = j.workflow_id WHERE w.project_id = :p AND j.name = :n""")
        .bind("p", project).bind("n", job).mapTo(String.class).one());
  }

  private UUID jobId(UUID project, String job) {
    return db.jdbi().withHandle(h -> h.createQuery("""
            SELECT j.id FROM jobs j JOIN workflows w ON w.id = j.workflow_id WHERE w.project_id = :p AND j.name = :n""")
        .bind("p", project).bind("n", job).mapTo(UUID.class).one());
  }

  private List<String> jobNames(UUID project) {
    return db.jdbi().withHandle(h -> h.createQuery("""
            SELECT j.name FROM jobs j JOIN workflows w ON w.id = j.workflow_id WHERE w.project_id = :p ORDER BY j.name""")
        .bind("p", project).mapTo(String.class).list());
  }
}
