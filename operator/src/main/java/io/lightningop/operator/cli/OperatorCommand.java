package io.lightningop.operator.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.lightningop.operator.ControlPlane;
import io.lightningop.operator.channel.WorkerChannel;
import io.lightningop.operator.channel.WorkerSecrets;
import io.lightningop.operator.k8s.LightningOperator;
import io.lightningop.operator.k8s.OperatorSettings;
import io.lightningop.operator.k8s.project.GitProjectHooks;
import io.lightningop.operator.k8s.project.LiveProjects;
import io.lightningop.operator.k8s.project.ProjectReconciler;
import io.lightningop.operator.k8s.project.SecretCredentials;
import io.lightningop.operator.k8s.workerpool.RunQueueDepth;
import io.lightningop.operator.k8s.workerpool.WorkerKeys;
import io.lightningop.operator.k8s.workerpool.WorkerPoolReconciler;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.DatabaseUrl;
import io.lightningop.operator.state.EncryptionKey;
import io.lightningop.operator.state.ProjectChangeListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lightning operator}: the control plane (HTTP API, webhooks, worker channel, cron) with
 * the Kubernetes reconcilers for Project and WorkerPool resources. Every replica serves HTTP; only
 * the leader (a Lease) reconciles. Configuration comes from Lightning's environment variables,
 * overridable by options.
 */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = "Run the Kubernetes operator: Project and WorkerPool reconcilers (leader-elected) with the control plane's HTTP API and worker channel.")
public final class OperatorCommand implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "address the HTTP API listens on (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", defaultValue = "4000", description = "HTTP port, 0 for any (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--namespace", description = "namespace of the leader-election Lease (default: $POD_NAMESPACE, else default)")
  String namespace;

  @Option(names = "--public-url", description = "base URL webhooks are reached at, shown in Project status (default: $LIGHTNING_PUBLIC_URL, else this server)")
  String publicUrl;

  @Option(names = "--worker-url", description = "worker-channel URL worker pods connect to (default: $LIGHTNING_WORKER_URL, else ws://lightning.<namespace>.svc:<port>/worker)")
  String workerUrl;

  @Option(names = "--database-url", description = "PostgreSQL to use (default: $DATABASE_URL, else an embedded one under --home)")
  String databaseUrl;

  @Option(names = "--home", description = "folder for the embedded database and generated keys (default: $LIGHTNING_HOME, else .lightning)")
  Path home;

  @Option(names = "--no-leader-election", description = "reconcile without a Lease (a single replica)")
  boolean noLeaderElection;

  @Option(names = "--no-server-side-apply", description = "patch with JSON patches instead of server-side apply (for API servers without it)")
  boolean noServerSideApply;

  @Option(names = "--resync", defaultValue = "5m", description = "how often each Project is compared with the live state without a notice (default: ${DEFAULT-VALUE})")
  String resync;

  @Spec CommandSpec spec;

  /** Where the Kubernetes client comes from: in-cluster config or kubeconfig; tests substitute it. */
  Supplier<KubernetesClient> clients = () -> new KubernetesClientBuilder().build();
  Map<String, String> env = System.getenv();
  /** Counted down to stop (SIGTERM does it through the shutdown hook). */
  final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  volatile Runnable onReady = () -> { };
  volatile int boundPort = -1;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dataHome = home != null ? home : Path.of(Optional.ofNullable(env.get("LIGHTNING_HOME")).orElse(".lightning"));
    String dbUrl = databaseUrl != null ? databaseUrl : env.get("DATABASE_URL");
    String keyEnv = env.get("PRIMARY_ENCRYPTION_KEY");
    boolean external = dbUrl != null && !dbUrl.isBlank();
    if (external && (keyEnv == null || keyEnv.isBlank()) && home == null) {
      err.println("lightning operator: a database is given but PRIMARY_ENCRYPTION_KEY is not; every replica needs the same key"
          + " (generate one: openssl rand -base64 32), or pass --home to keep one in a folder");
      return 1;
    }
    EncryptionKey key = keyEnv != null && !keyEnv.isBlank() ? EncryptionKey.fromBase64(keyEnv)
        : EncryptionKey.loadOrCreate(dataHome.resolve("encryption.key"));
    WorkerSecrets secrets = WorkerSecrets.fromEnvOrFile(env, dataHome.resolve("worker-keys.env"));
    String ns = namespace != null ? namespace : Optional.ofNullable(env.get("POD_NAMESPACE")).orElse("default");

    ControlPlane.Settings planeSettings = ControlPlane.Settings.defaults().withHost(host).withPort(port);
    Clock clock = Clock.systemUTC();
    try (Database db = external ? Database.connect(DatabaseUrl.parse(dbUrl)) : Database.embedded(dataHome.resolve("postgres"));
         KubernetesClient client = clients.get()) {
      // The git push-webhook route is mounted with the control plane; it reaches the reconciler once that exists.
      GitProjectHooks gitHooks = new GitProjectHooks(client, clock);
      return run(out, db, key, secrets, ns, planeSettings, client, gitHooks, clock);
    } finally {
      stopped.countDown();
    }
  }

  private int run(PrintWriter out, Database db, EncryptionKey key, WorkerSecrets secrets, String ns,
      ControlPlane.Settings planeSettings, KubernetesClient client, GitProjectHooks gitHooks, Clock clock) throws Exception {
    try (ControlPlane plane = ControlPlane.start(db, key, planeSettings,
             List.of(new WorkerChannel(secrets, planeSettings.grace()), gitHooks));
         ProjectChangeListener changes = new ProjectChangeListener(db)) {
      boundPort = plane.port();
      String base = publicUrl != null ? publicUrl : Optional.ofNullable(env.get("LIGHTNING_PUBLIC_URL"))
          .orElse("http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + plane.port());
      String workers = workerUrl != null ? workerUrl : Optional.ofNullable(env.get("LIGHTNING_WORKER_URL"))
          .orElse("ws://lightning." + ns + ".svc:" + plane.port() + "/worker");
      OperatorSettings settings = OperatorSettings.defaults(ns, workers, base)
          .withServerSideApply(!noServerSideApply)
          .withIntervals(Duration.ofSeconds(5), io.lightningop.operator.k8s.Durations.parse(resync));
      if (noLeaderElection) {
        settings = settings.withoutLeaderElection();
      }
      SecretCredentials secretCredentials = new SecretCredentials(client, plane.credentials());
      ProjectReconciler projects = new ProjectReconciler(client, new LiveProjects(db), secretCredentials, changes,
          settings.publicBaseUrl(), settings.driftResyncInterval(), clock, plane.metrics());
      gitHooks.reconcileWith(projects);
      try (AutoCloseable credentialReader = secretCredentials.serveRuns();
           LightningOperator operator = new LightningOperator(client, settings, List.of(projects,
          new WorkerPoolReconciler(new RunQueueDepth(plane.queue()),
              new WorkerKeys(secrets.workerSecret(), secrets.lightningPublicKey()), settings.lightningWorkerUrl(),
              settings.queuePollInterval(), clock)), plane.metrics())) {
        operator.start();
        out.println("lightning operator: HTTP API on " + host + ":" + plane.port() + ", webhooks at " + base + "/i/<trigger>"
            + ", git push webhooks at " + base + "/hooks/git/<namespace>/<project>");
        out.println("lightning operator: reconciling Project and WorkerPool resources"
            + (settings.leaderElectionLease().map(l -> " when leader (Lease " + ns + "/" + l + ")").orElse(""))
            + "; workers connect to " + workers);
        out.flush();
        UntilStopped.await(stop, stopped, onReady);
        out.println("lightning operator: stopping ...");
        out.flush();
      }
    }
    return 0;
  }
}
