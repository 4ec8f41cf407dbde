package io.lightningop.operator.k8s.project;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lightningop.operator.ControlPlane;
import io.lightningop.operator.git.GitWebhookRouter;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/git/{namespace}/{name}} on the operator's control plane: a push webhook for a
 * git-sourced Project, signed with the secret in its {@code spec.source.git.webhookSecretRef},
 * reconciles that Project at once (a fetch). The Project and the Secret are read per request, so
 * a rotated secret applies without a restart.
 */
public final class GitProjectHooks implements ControlPlane.Extension {
  private static final Logger LOG = LoggerFactory.getLogger(GitProjectHooks.class);
  /** The key read from the webhook Secret when webhookSecretRef names none. */
  static final String DEFAULT_KEY = "secret";

  private final KubernetesClient client;
  private final GitWebhookRouter router;
  // Set once the reconciler exists (it is built after the control plane starts).
  private volatile BiConsumer<String, String> reconcileNow = (ns, name) ->
      LOG.info("git webhook for Project {}/{}: the reconciler is not running yet; the next poll fetches", ns, name);

  public GitProjectHooks(KubernetesClient client, Clock clock) {
    this.client = client;
    this.router = new GitWebhookRouter("/hooks/git/:namespace/:name", List.of("namespace", "name"), this::find, clock);
  }

  /** Where accepted webhooks go: the Project reconciler. */
  public void reconcileWith(ProjectReconciler reconciler) {
    this.reconcileNow = (ns, name) -> {
      if (!reconciler.reconcileNow(ns, name)) {
        LOG.info("git webhook for Project {}/{}: this replica is not the leader; the leader's next poll fetches", ns, name);
      }
    };
  }

  @Override
  public void mount(ControlPlane plane, Router router) {
    this.router.mount(router);
  }

  private Optional<GitWebhookRouter.Hook> find(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    String name = key.substring(slash + 1);
    Project cr = client.resources(Project.class).inNamespace(ns).withName(name).get();
    if (cr == null || !GitProjects.isGitSourced(cr)) return Optional.empty();
    Runnable fetch = () -> reconcileNow.accept(ns, name);
    SecretRef ref = cr.getSpec().source().git().webhookSecretRef();
    if (ref == null) {
      return Optional.of(new GitWebhookRouter.Hook(null, "Project " + key + " has no spec.source.git.webhookSecretRef", fetch));
    }
    Secret secret = client.secrets().inNamespace(ns).withName(ref.name()).get();
    String dataKey = ref.key() == null ? DEFAULT_KEY : ref.key();
    String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(dataKey);
    if (encoded == null) {
      String why = secret == null ? "Secret " + ns + "/" + ref.name() + " (webhookSecretRef) does not exist"
          : "Secret " + ns + "/" + ref.name() + " (webhookSecretRef) has no key " + dataKey;
      return Optional.of(new GitWebhookRouter.Hook(null, why, fetch));
    }
    String value = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    return Optional.of(new GitWebhookRouter.Hook(value, null, fetch));
  }
}
