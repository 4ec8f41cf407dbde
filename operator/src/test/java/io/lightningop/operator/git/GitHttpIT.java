package io.lightningop.operator.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.TestDatabase;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.FileResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A git source served over smart HTTP (JGit's GitServlet on Jetty, loopback) behind basic auth with a token. */
class GitHttpIT {
  private static final String TOKEN = "glpat-test-token";

  @TempDir Path tmp;
  private Database db;
  private ProjectApplier applier;
  private TestRepo repo;
  private Server server;
  private String url;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.create();
    applier = new ProjectApplier(db);
    repo = new TestRepo(tmp.resolve("repos"));
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    GitServlet git = new GitServlet();
    git.setRepositoryResolver(new FileResolver<>(tmp.resolve("repos").toFile(), true));
    context.addServlet(new ServletHolder(git), "/git/*");
    String expected = "Basic " + Base64.getEncoder().encodeToString(("ci:" + TOKEN).getBytes(StandardCharsets.UTF_8));
    Filter basicAuth = (req, res, chain) -> {
      if (expected.equals(((HttpServletRequest) req).getHeader("Authorization"))) {
        chain.doFilter(req, res);
      } else {
        HttpServletResponse r = (HttpServletResponse) res;
        r.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
        r.sendError(401);
      }
    };
    context.addFilter(new FilterHolder(basicAuth), "/*", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    url = "http://127.0.0.1:" + connector.getLocalPort() + "/git/remote.git";
  }

  @AfterEach
  void tearDown() throws Exception {
    server.stop();
    repo.close();
    db.close();
  }

  @Test
  void aTokenOverSmartHttpFetchesAppliesAndRecovers() {
    String first = repo.push("first", Map.of("project.yaml", TestRepo.projectYaml("over-http", "store"), "jobs/fetch.js", "fn(s => s)"));
    GitSource source = GitSource.of("http", url, "main", null);

    try (GitSourceSyncer anonymous = new GitSourceSyncer(source, tmp.resolve("cache-anon"), new LightningProjects(db, applier), Clock.systemUTC())) {
      GitSyncStatus refused = anonymous.sync();
      assertNull(refused.appliedRevision());
      assertTrue(refused.errors().getFirst().contains(url) && refused.errors().getFirst().toLowerCase().contains("auth"),
          refused.errors().toString());
    }

    try (GitSourceSyncer s = new GitSourceSyncer(source.withAuth(GitAuth.https("ci", TOKEN)), tmp.resolve("cache"),
        new LightningProjects(db, applier), Clock.systemUTC())) {
      GitSyncStatus applied = s.sync();
      assertEquals(first, applied.appliedRevision(), applied.errors().toString());
      assertEquals(first, applier.latestSnapshot(applied.projectId()).orElseThrow().sourceRevision());

      String bad = repo.push("edge to nowhere", Map.of("project.yaml", TestRepo.projectYaml("over-http", "store")
          .replace("source_job: fetch", "source_job: ghost")));
      GitSyncStatus rejected = s.sync();
      assertEquals(first, rejected.appliedRevision());
      assertEquals(bad, rejected.failedRevision());
      assertTrue(rejected.errors().stream().anyMatch(e -> e.matches("project\\.yaml:\\d+:\\d+ .*ghost.*")), rejected.errors().toString());

      String fix = repo.push("fix", Map.of("project.yaml", TestRepo.projectYaml("over-http", "archive")));
      GitSyncStatus recovered = s.sync();
      assertEquals(fix, recovered.appliedRevision());
      assertTrue(recovered.healthy());
    }
  }
}
