package io.lightningop.operator.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lightning up} on a copy of the OpenHIE example: applied, re-applied on edits, stopped and restarted. */
class UpCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private static RunningUp start(Path project, Path home) throws Exception {
    return RunningUp.start(project.toString(), "--home", home.toString(), "--port", "0");
  }

  @Test
  void appliesWatchesStopsAndRestartsOnTheSameData() throws Exception {
    Path project = tmp.resolve("openhie");
    copy(Path.of("../examples/openhie"), project);
    Path home = tmp.resolve("home");

    RunningUp first = start(project, home);
    String token = Files.readString(home.resolve("api-token")).trim();
    assertTrue(first.out().toString().contains(token), "the token is printed");
    assertTrue(first.out().toString().contains("webhook    POST " + first.base() + "/i/"), first.out().toString());
    String projectId = JSON.readTree(Files.readString(project.resolve("projectState.json"))).get("id").asText();
    assertEquals(4, get(first.base(), "/api/provision/" + projectId, token).at("/data/workflows/0/jobs").size());

    // edit a job file: the change is applied without a restart
    Files.writeString(project.resolve("jobs/notify-failure.js"), "fn(state => ({ ...state, edited: true }));\n");
    await().atMost(Duration.ofSeconds(20)).until(() -> get(first.base(), "/api/provision/" + projectId, token).toString().contains("edited: true"));

    // a broken project is reported and the live version stays
    String good = Files.readString(project.resolve("project.yaml"));
    Files.writeString(project.resolve("project.yaml"), good.replace("condition_type: on_job_failure", "condition_type: sometimes"));
    await().atMost(Duration.ofSeconds(20)).until(() -> first.err().toString().contains("was not applied"));
    assertTrue(first.err().toString().contains("condition_type"), first.err().toString());
    assertTrue(get(first.base(), "/api/provision/" + projectId, token).toString().contains("edited: true"));
    Files.writeString(project.resolve("project.yaml"), good);
    assertEquals(0, first.stop());
    assertTrue(first.out().toString().contains("stopped; data kept in"), first.out().toString());

    RunningUp second = start(project, home);
    assertTrue(second.out().toString().contains("is unchanged (version 2)"), second.out().toString());
    assertEquals(token, Files.readString(home.resolve("api-token")).trim(), "the token survives a restart");
    assertTrue(get(second.base(), "/api/provision/" + projectId, token).toString().contains("edited: true"));
    assertEquals(0, second.stop());
  }

  @Test
  void aFolderWithoutProjectYamlIsAClearError() {
    StringWriter err = new StringWriter();
    int code = new CommandLine(new UpCommand()).setErr(new PrintWriter(err, true))
        .execute(tmp.toString(), "--home", tmp.resolve("home").toString());
    assertEquals(1, code);
    assertTrue(err.toString().contains("no project.yaml in"), err.toString());
  }

  private static JsonNode get(String base, String path, String token) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
        .header("authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target); else Files.copy(p, target);
      }
    }
  }
}
