package io.lightningop.operator.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.operator.git.TestRepo;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lightning up --git URL}: every pushed commit is applied and printed with its full SHA; a bad one is reported. */
class UpGitIT {
  @TempDir Path tmp;

  @Test
  void upFollowsARepositoryAndLogsEveryAppliedCommit() throws Exception {
    try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
      // The OpenHIE example as committed to a repository: job files, and a credential created locally.
      Map<String, String> example = new java.util.HashMap<>();
      Path openhie = Path.of("../examples/openhie");
      for (String f : new String[] {"project.yaml", "jobs/fhir-standard-data.js", "jobs/send-to-openhim.js", "jobs/notify-failure.js"}) {
        example.put("flows/" + f, java.nio.file.Files.readString(openhie.resolve(f)));
      }
      String first = repo.push("first", example);
      RunningUp up = RunningUp.start("--git", repo.url(), "--ref", "main", "--path", "flows/project.yaml",
          "--interval", "200ms", "--home", tmp.resolve("home").toString(), "--port", "0");
      StringWriter out = up.out();
      StringWriter err = up.err();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("applied commit " + first));
        assertTrue(out.toString().contains("/hooks/git/remote"), out.toString());

        String bad = repo.push("typo", Map.of("flows/project.yaml", "name: from-git\nworkflows: [\n"));
        await().atMost(Duration.ofSeconds(30)).until(() -> err.toString().contains("commit " + bad + " was not applied"));
        assertTrue(err.toString().contains("flows/project.yaml:"), err.toString());

        String fix = repo.push("fix", Map.of("flows/project.yaml", example.get("flows/project.yaml"),
            "flows/jobs/notify-failure.js", "fn(state => ({ ...state, edited: true }));\n"));
        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("applied commit " + fix));
      } finally {
        assertEquals(0, up.stop());
      }
    }
  }
}
