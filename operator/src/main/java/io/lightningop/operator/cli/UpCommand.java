package io.lightningop.operator.cli;

import io.lightningop.operator.ControlPlane;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.DatabaseUrl;
import io.lightningop.operator.state.EncryptionKey;
import io.lightningop.operator.state.ProjectApplier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lightning up [DIR]}: the whole platform on one machine. Embedded PostgreSQL and the HTTP
 * API under {@code $LIGHTNING_HOME}; the project in DIR applied now and again whenever its files
 * change; Ctrl-C stops everything and the next start keeps all data.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Run the control plane locally (embedded PostgreSQL, HTTP API) with the project in DIR applied and watched.")
public final class UpCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "examples/openhie",
      description = "folder with project.yaml (default: ${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--port", defaultValue = "4000", description = "HTTP port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--home", paramLabel = "DIR", description = "where data is kept (default: $LIGHTNING_HOME, else .lightning)")
  Path homeOption;

  @Option(names = "--no-watch", description = "apply DIR once instead of re-applying on every change")
  boolean noWatch;

  @Option(names = "--workers", defaultValue = "1",
      description = "local worker processes to start (0: none; start them yourself with ./lightning worker). Default: ${DEFAULT-VALUE}")
  int workers;

  @Option(names = "--worker-capacity", defaultValue = "5", description = "runs each local worker executes at once (default: ${DEFAULT-VALUE})")
  int workerCapacity;

  @Option(names = "--launcher", hidden = true, defaultValue = "${env:LIGHTNING_LAUNCHER}",
      description = "the script that starts `lightning worker` (set by ./lightning)")
  Path launcher;

  @picocli.CommandLine.Mixin GitSourceOptions git = new GitSourceOptions();

  @Spec CommandSpec spec;

  /** Lets tests stop a running {@code up} as Ctrl-C would. */
  final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Called once the platform is up (tests wait on it). */
  volatile Runnable onReady = () -> {};

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    java.util.Optional<io.lightningop.operator.git.GitSource> gitSource = git.source(dir);
    if (gitSource.isEmpty() && !Files.isRegularFile(dir.resolve("project.yaml"))) {
      err.println("lightning up: no project.yaml in " + dir.toAbsolutePath() + " (give the folder of a project, e.g. examples/openhie)");
      return 1;
    }
    LightningHome home = homeOption != null ? new LightningHome(homeOption.toAbsolutePath().normalize()) : LightningHome.fromEnvironment();
    quietLibraryLogs();
    Files.createDirectories(home.root());
    String databaseUrl = System.getenv("DATABASE_URL");
    String keyEnv = System.getenv("PRIMARY_ENCRYPTION_KEY");
    if (databaseUrl != null && !databaseUrl.isBlank() && (keyEnv == null || keyEnv.isBlank())) {
      err.println("lightning up: DATABASE_URL is set but PRIMARY_ENCRYPTION_KEY is not (generate one: openssl rand -base64 32)");
      return 1;
    }
    EncryptionKey key = keyEnv != null && !keyEnv.isBlank() ? EncryptionKey.fromBase64(keyEnv) : EncryptionKey.loadOrCreate(home.encryptionKey());

    out.println("lightning up: starting PostgreSQL (" + (databaseUrl == null ? "embedded, data in " + home.postgresData() : "external") + ") ...");
    out.flush();
    // The control plane starts the git source (applying through it) and closes it.
    io.lightningop.operator.git.GitSourceRun gitRun = gitSource.map(g -> new io.lightningop.operator.git.GitSourceRun(
        java.util.List.of(g), home.root().resolve("git"), out, err)).orElse(null);
    try (Database db = databaseUrl == null || databaseUrl.isBlank() ? Database.embedded(home.postgresData()) : Database.connect(DatabaseUrl.parse(databaseUrl));
         ControlPlane plane = ControlPlane.start(db, key, ControlPlane.Settings.defaults().withHost(host).withPort(port),
             extensions(home, gitRun));
         AutoCloseable worker = startLocalWorkers(plane, home, out, err)) {
      String base = "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + plane.port();
      String token = apiToken(plane, home);
      FolderProject project = gitRun != null ? null
          : new FolderProject(dir, home.stateFor(dir), plane.applier(), plane.reader(), plane.credentials());
      if (project != null) applyAndReport(project, plane, base, out, err);
      try (AutoCloseable watcher = noWatch || project == null ? () -> {} : new FolderWatcher(dir, home.root(), () -> applyAndReport(project, plane, base, out, err))) {
        out.println();
        out.println("  API        " + base + "/api   (Authorization: Bearer <token>)");
        out.println("  API token  " + token + "   (also in " + home.apiToken() + ")");
        out.println("  health     " + base + "/health     metrics " + base + "/metrics");
        out.println("  data       " + home.root());
        out.println("  workers    ./lightning worker --lightning ws://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":"
            + plane.port() + "/worker   (WORKER_SECRET in " + workerKeys(home) + ")");
        if (gitRun != null) {
          var g = gitSource.get();
          out.println("  git        " + g.url() + " " + (g.ref() == null ? "(default branch)" : g.ref()) + " " + g.path()
              + ", polled every " + g.interval().toSeconds() + "s; each commit is applied and logged with its SHA");
          out.println("  push hook  POST " + base + "/hooks/git/" + g.name()
              + (g.webhookSecret() == null ? "   (set LIGHTNING_GIT_WEBHOOK_SECRET to accept signed pushes)" : ""));
        } else {
          out.println(noWatch ? "" : "  watching   " + dir.toAbsolutePath() + " (changes are applied as you save)");
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        UntilStopped.await(stop, stopped, onReady);
      }
      out.println("lightning up: stopping ...");
      out.flush();
    }
    out.println("lightning up: stopped; data kept in " + home.root());
    out.flush();
    stopped.countDown();
    return 0;
  }

  /** Worker keys: from WORKER_SECRET / WORKER_RUNS_PRIVATE_KEY, else generated once and kept here. */
  private static Path workerKeys(LightningHome home) {
    return home.root().resolve("worker-keys.env");
  }

  /** The worker channel (always) and the git source (when given) on the control plane's server. */
  private static java.util.List<ControlPlane.Extension> extensions(LightningHome home,
      io.lightningop.operator.git.GitSourceRun gitRun) {
    var secrets = io.lightningop.operator.channel.WorkerSecrets.fromEnvOrFile(System.getenv(), workerKeys(home));
    java.util.List<ControlPlane.Extension> list = new java.util.ArrayList<>();
    list.add(new io.lightningop.operator.channel.WorkerChannel(secrets, ControlPlane.Settings.defaults().grace()));
    if (gitRun != null) list.add(gitRun);
    return list;
  }

  // Kept so the JUL configuration is not garbage-collected.
  private static final java.util.List<java.util.logging.Logger> QUIETED = new java.util.ArrayList<>();

  /** PostgreSQL's initdb chatter, Flyway and the pool log at INFO; on a terminal only warnings matter. */
  private static void quietLibraryLogs() {
    for (String name : new String[] {"io.zonky", "org.flywaydb", "com.zaxxer", "io.lightningop.operator.state"}) {
      java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
      l.setLevel(java.util.logging.Level.WARNING);
      QUIETED.add(l);
    }
  }

  /**
   * Local workers as child processes started through the launcher (see {@link LocalWorker}); none
   * when asked for 0 or when not started by {@code ./lightning} (then runs wait for a worker).
   */
  private AutoCloseable startLocalWorkers(ControlPlane plane, LightningHome home, PrintWriter out, PrintWriter err)
      throws IOException {
    if (workers <= 0 || launcher == null) {
      out.println("lightning up: no local worker" + (workers <= 0 ? " (--workers 0)" : " (not started by ./lightning)")
          + "; runs wait in the queue for ./lightning worker");
      return () -> {};
    }
    var secrets = io.lightningop.operator.channel.WorkerSecrets.fromEnvOrFile(System.getenv(), workerKeys(home));
    Path log = home.root().resolve("worker.log");
    java.util.List<LocalWorker> started = new java.util.ArrayList<>();
    for (int i = 0; i < workers; i++) {
      started.add(LocalWorker.start(launcher, plane.port(), workerCapacity, secrets, log,
          ControlPlane.Settings.defaults().runOptions().runTimeoutMs() / 1000));
    }
    out.println("lightning up: " + workers + " local worker(s), capacity " + workerCapacity + " each; worker log in " + log);
    return () -> {
      for (LocalWorker w : started) w.close();
    };
  }

  private void applyAndReport(FolderProject project, ControlPlane plane, String base, PrintWriter out, PrintWriter err) {
    FolderProject.Outcome o = project.apply();
    if (!o.applied()) {
      err.println("lightning up: " + project.projectYaml() + " was not applied (the previous version stays live):");
      o.problems().forEach(p -> err.println("  " + p));
      err.flush();
      return;
    }
    ProjectApplier.Result r = o.result();
    if (r.changed()) {
      out.println("lightning up: applied " + project.projectYaml() + " as version " + r.version() + " (" + r.plan().size() + " change(s))");
      r.plan().forEach(c -> out.println("  " + c));
    } else {
      out.println("lightning up: " + project.projectYaml() + " is unchanged (version " + r.version() + ")");
    }
    plane.reader().read(r.projectId()).ifPresent(doc -> doc.path("workflows").forEach(w -> w.path("triggers").forEach(t -> {
      if ("webhook".equals(t.path("type").asText())) {
        out.println("  webhook    POST " + base + "/i/" + t.path("id").asText() + "   (" + w.path("name").asText() + ")");
      }
    })));
    out.flush();
  }

  /** Reuses the token in $LIGHTNING_HOME/api-token while it is valid; otherwise makes a new one there. */
  private static String apiToken(ControlPlane plane, LightningHome home) throws IOException {
    if (Files.exists(home.apiToken())) {
      String existing = Files.readString(home.apiToken()).trim();
      if (plane.tokens().isValid(existing)) return existing;
    }
    String token = plane.tokens().create("lightning up", "admin@localhost", true);
    Files.writeString(home.apiToken(), token + "\n");
    try {
      Files.setPosixFilePermissions(home.apiToken(), PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    return token;
  }

}
