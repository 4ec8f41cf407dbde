package io.lightningop.operator.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.operator.git.TestRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
      UpCommand up = new UpCommand();
      CountDownLatch ready = new CountDownLatch(1);
      up.onReady = ready::countDown;
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(up).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("--git", repo.url(), "--ref", "main",
          "--path", "flows/project.yaml", "--interval", "200ms", "--home", tmp.resolve("home").toString(), "--port", "0"));
      while (!ready.await(200, TimeUnit.MILLISECONDS)) {
        if (exit.isDone()) throw new AssertionError("up exited with " + exit.get() + ": " + out + err);
      }
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
        up.stop.countDown();
        assertEquals(0, exit.get(60, TimeUnit.SECONDS));
      }
    }
  }
}
