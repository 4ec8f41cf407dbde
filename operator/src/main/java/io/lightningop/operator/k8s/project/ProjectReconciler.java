package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.lightningop.operator.k8s.Conditions;
import io.lightningop.operator.k8s.Durations;
import io.lightningop.operator.k8s.KubernetesEvents;
import io.lightningop.operator.k8s.Timestamps;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.ProjectChangeListener;
import io.lightningop.operator.state.ProjectRejectedException;
import io.lightningop.spec.state.DeployError;
import io.lightningop.spec.state.ProjectState;
import io.lightningop.spec.state.StateProjects;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a Lightning project equal to its Project resource: observe (convert and validate the
 * resource, read the live project) → decide (apply a new spec, heal or only report drift) →
 * apply through {@link ProjectApplier} → record status, events and metrics. A bad spec leaves the
 * running version untouched ({@code Stalled}). Reconciles again on every project change made by
 * any path ({@link ProjectChangeListener}) and every {@code spec.interval}.
 */
@ControllerConfiguration(name = "project")
public class ProjectReconciler implements Reconciler<Project>, Cleaner<Project> {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectReconciler.class);
  static final String READY = "Ready";
  static final String SYNCED = "Synced";
  static final String DRIFTED = "Drifted";
  static final String STALLED = "Stalled";
  static final String CREDENTIALS_READY = "CredentialsReady";

  private final LiveProjects live;
  private final SecretCredentials secrets;
  private final ProjectSpecConverter converter;
  private final KubernetesEvents events;
  private final ProjectChangeListener changes;
  private final String publicBaseUrl;
  private final Duration defaultInterval;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final GitProjects git;
  private volatile SimpleInboundEventSource<Project> changed;

  public ProjectReconciler(KubernetesClient client, LiveProjects live, SecretCredentials secrets,
      ProjectChangeListener changes, String publicBaseUrl, Duration defaultInterval, Clock clock, MeterRegistry metrics) {
    this.live = live;
    this.secrets = secrets;
    this.changes = changes;
    this.converter = new ProjectSpecConverter((ns, name, key) ->
        Optional.ofNullable(client.configMaps().inNamespace(ns).withName(name).get())
            .flatMap(cm -> Optional.ofNullable(cm.getData()).map(d -> d.get(key))
                .or(() -> Optional.ofNullable(cm.getBinaryData()).map(d -> d.get(key))
                    .map(b -> new String(java.util.Base64.getDecoder().decode(b), StandardCharsets.UTF_8)))));
    this.events = new KubernetesEvents(client, clock);
    this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    this.defaultInterval = defaultInterval;
    this.clock = clock;
    this.metrics = metrics;
    this.git = new GitProjects(client, live, GitProjects.defaultCacheRoot(), clock);
  }

  @Override
  public List<EventSource<?, Project>> prepareEventSources(EventSourceContext<Project> context) {
    SimpleInboundEventSource<Project> changed = new SimpleInboundEventSource<>("project-changes");
    this.changed = changed;
    // A change by any path to any project re-checks every Project resource: each check is one read.
    changes.subscribe(() -> context.getPrimaryCache().keys().forEach(changed::propagateEvent));
    return List.of(changed);
  }

  /**
   * Reconciles one Project now (for a git-sourced one: fetches). Only the leader reconciles, so on
   * another replica this does nothing and the leader's next poll picks the commit up.
   * @return false when this replica is not reconciling
   */
  public boolean reconcileNow(String namespace, String name) {
    SimpleInboundEventSource<Project> source = changed;
    if (source == null) return false;
    source.propagateEvent(new io.javaoperatorsdk.operator.processing.event.ResourceID(name, namespace));
    return true;
  }

  @Override
  public UpdateControl<Project> reconcile(Project cr, Context<Project> context) {
    Instant now = clock.instant();
    long generation = cr.getMetadata().getGeneration() == null ? 0 : cr.getMetadata().getGeneration();
    ProjectStatus old = cr.getStatus();
    SyncPolicy policy = cr.getSpec().syncPolicyOrDefault();
    Duration interval = cr.getSpec().interval() == null ? defaultInterval : Durations.parse(cr.getSpec().interval());
    UUID id = projectId(cr);
    if (GitProjects.isGitSourced(cr)) {
      return reconcileGit(cr, old, generation, id, now);
    }

    ProjectSpecConverter.Converted converted = converter.convert(cr);
    if (!converted.valid()) {
      return stalled(cr, old, generation, "InvalidSpec", converted.messages(), now, interval);
    }
    io.lightningop.spec.model.Project desired = CanonicalKeys.of(converted.project());
    io.lightningop.spec.model.Project before = live.state(id).map(StateProjects::toProject).orElse(null);
    if (before != null && !policy.pruneOrDefault()) {
      desired = KeepLiveObjects.addTo(desired, before);
    }
    List<ProjectStatus.DriftChange> drift = before == null ? List.of() : DriftReport.between(desired, before);
    boolean specChanged = old == null || !Objects.equals(old.observedGeneration(), generation);
    boolean outOfBand = !specChanged && !drift.isEmpty();
    String driftSource = null;
    if (outOfBand) {
      driftSource = live.latestSnapshot(id).filter(s -> !LiveProjects.SOURCE.equals(s.source()))
          .map(s -> s.source() + " (" + s.appliedBy() + ", version " + s.version() + ")").orElse("unknown");
      if (old == null || old.drift() == null || Boolean.TRUE.equals(old.drift().healed())
          || !Objects.equals(old.drift().changes(), drift)) {
        metrics.counter("lightning.project.drift", "namespace", cr.getMetadata().getNamespace(),
            "project", cr.getMetadata().getName()).increment();
        events.warning(cr, "DriftDetected", "live project changed by " + driftSource + ": " + summary(drift));
      }
    }

    // References to credential Secrets are recorded before applying, so the project can link them.
    List<String> missingSecrets = policy.suspendOrDefault() ? List.of() : secrets.sync(cr);
    if (!missingSecrets.isEmpty() && (old == null || !Objects.equals(
        Conditions.find(old.conditions(), CREDENTIALS_READY).map(Condition::getMessage).orElse(null), String.join("; ", missingSecrets)))) {
      events.warning(cr, "SecretMissing", String.join("; ", missingSecrets) + " (runs needing it fail until it exists)");
    }
    boolean apply = !policy.suspendOrDefault() && (before == null || (!drift.isEmpty() && (specChanged || policy.selfHealOrDefault())));
    ProjectApplier.Result result = null;
    if (apply) {
      try {
        result = live.apply(id, desired, "generation-" + generation);
      } catch (ProjectRejectedException e) {
        return stalled(cr, old, generation, "Rejected", e.errors().lines(), now, interval);
      } catch (DeployError e) {
        return stalled(cr, old, generation, "Rejected", List.of(e.getMessage()), now, interval);
      }
      if (outOfBand) {
        events.normal(cr, "DriftHealed", "reverted " + drift.size() + " change(s) made by " + driftSource);
        LOG.info("project {}/{}: healed drift from {}: {}", cr.getMetadata().getNamespace(), cr.getMetadata().getName(),
            driftSource, summary(drift));
      } else if (result.changed()) {
        events.normal(cr, "Applied", "applied version " + result.version() + ": " + result.plan().size() + " change(s)");
      }
    }

    ProjectState state = live.state(id).orElse(null);
    boolean remaining = !apply && !drift.isEmpty();
    ProjectStatus.Drift driftStatus;
    if (remaining) {
      String since = old != null && old.drift() != null && !Boolean.TRUE.equals(old.drift().healed())
          ? old.drift().detectedAt() : Timestamps.format(now);
      String source = driftSource != null ? driftSource : old != null && old.drift() != null ? old.drift().source() : null;
      driftStatus = new ProjectStatus.Drift(since, source, false, drift);
    } else if (apply && outOfBand) {
      driftStatus = new ProjectStatus.Drift(Timestamps.format(now), driftSource, true, drift);
    } else {
      driftStatus = old == null ? null : old.drift(); // the last healed drift stays visible
      if (driftStatus != null && !Boolean.TRUE.equals(driftStatus.healed())) {
        driftStatus = null;
      }
    }

    List<Condition> conditions = old == null ? null : old.conditions();
    conditions = Conditions.set(conditions, READY, state != null, state != null ? "Live" : "NotApplied",
        state != null ? "project " + id + " is live" : "the project has not been applied", generation, now);
    conditions = Conditions.set(conditions, SYNCED, !remaining, remaining
        ? (policy.suspendOrDefault() ? "Suspended" : "Drifted") : "Applied",
        remaining ? "live project differs from this resource in " + drift.size() + " object(s)"
            : "live project equals generation " + generation, generation, now);
    // While the last healed drift stays visible in status.drift, the condition says so too: a later
    // reconcile that finds nothing new must not flip the reason from Healed to NoDrift.
    boolean lastDriftHealed = !remaining && driftStatus != null && Boolean.TRUE.equals(driftStatus.healed());
    conditions = Conditions.set(conditions, DRIFTED, remaining, remaining ? "ChangedOutOfBand"
        : (lastDriftHealed ? "Healed" : "NoDrift"),
        remaining ? summary(drift) : (lastDriftHealed ? "reverted changes made by " + driftStatus.source() : "no drift"),
        generation, now);
    conditions = Conditions.set(conditions, STALLED, false, "Reconciled", "spec is valid", generation, now);
    conditions = Conditions.set(conditions, CREDENTIALS_READY, missingSecrets.isEmpty(),
        missingSecrets.isEmpty() ? "SecretsFound" : "SecretMissing",
        missingSecrets.isEmpty() ? "every credential Secret can be read" : String.join("; ", missingSecrets), generation, now);

    var snapshot = live.latestSnapshot(id);
    // The live project is this generation when it was just applied, or when it already matched it.
    boolean appliedThisSpec = apply || (before != null && drift.isEmpty());
    ProjectStatus status = new ProjectStatus(generation, conditions, id.toString(),
        snapshot.map(ProjectApplier.SnapshotInfo::version).orElse(null),
        appliedThisSpec ? "generation-" + generation : old == null ? null : old.sourceRevision(),
        snapshot.map(s -> Timestamps.format(s.appliedAt())).orElse(null),
        state == null ? null : state.json(), state == null ? null : webhooks(state), null, driftStatus, null);
    return patch(cr, old, status, interval);
  }

  private UpdateControl<Project> stalled(Project cr, ProjectStatus old, long generation, String reason,
      List<String> messages, Instant now, Duration interval) {
    if (old == null || !Objects.equals(old.errors(), messages) || !Objects.equals(old.observedGeneration(), generation)) {
      events.warning(cr, reason, "spec not applied, the running version is unchanged: " + String.join("; ", messages));
      LOG.warn("project {}/{} not applied: {}", cr.getMetadata().getNamespace(), cr.getMetadata().getName(), messages);
    }
    List<Condition> conditions = old == null ? null : old.conditions();
    boolean wasLive = Conditions.isTrue(conditions, READY);
    conditions = Conditions.set(conditions, READY, wasLive, wasLive ? "Live" : "NotApplied",
        wasLive ? "the last good version keeps running" : "the project has not been applied", generation, now);
    conditions = Conditions.set(conditions, SYNCED, false, reason, "generation " + generation + " was not applied", generation, now);
    conditions = Conditions.set(conditions, STALLED, true, reason, String.join("; ", messages), generation, now);
    ProjectStatus status = old == null
        ? new ProjectStatus(generation, conditions, null, null, null, null, null, null, messages, null, null)
        : new ProjectStatus(generation, conditions, old.projectId(), old.snapshotVersion(), old.sourceRevision(),
            old.lastAppliedAt(), old.projectState(), old.webhooks(), messages, old.drift(), old.git());
    return patch(cr, old, status, interval);
  }

  /**
   * A project read from git: fetch, apply a new good commit, and record fetched/applied/failed
   * revisions. A refused commit leaves the last good one live (Stalled, with file:line errors).
   */
  private UpdateControl<Project> reconcileGit(Project cr, ProjectStatus old, long generation, UUID id, Instant now) {
    io.lightningop.operator.git.GitSyncStatus g = git.sync(cr, id);
    ProjectStatus.Git before = old == null ? null : old.git();
    String failed = g.failedRevision();
    List<String> errors = g.errors().isEmpty() ? null
        : failed != null ? g.errors().stream().map(e -> "commit " + failed + ": " + e).toList() : g.errors();
    if (g.appliedRevision() != null && (before == null || !g.appliedRevision().equals(before.appliedRevision()))) {
      events.normal(cr, "Applied", "applied commit " + g.appliedRevision() + " as version " + g.version());
    }
    if (errors != null && (old == null || !errors.equals(old.errors()))) {
      events.warning(cr, failed != null ? "CommitRejected" : "FetchFailed", String.join("; ", errors));
    }
    ProjectState state = live.state(id).orElse(null);
    String reason = failed != null ? "CommitRejected" : errors != null ? "FetchFailed" : "Applied";
    List<Condition> conditions = old == null ? null : old.conditions();
    conditions = Conditions.set(conditions, READY, state != null, state != null ? "Live" : "NotApplied",
        state != null ? "project " + id + " is live at commit " + g.appliedRevision() : "no commit has been applied", generation, now);
    conditions = Conditions.set(conditions, SYNCED, errors == null, reason, errors == null
        ? "live project equals commit " + g.appliedRevision() : String.join("; ", errors), generation, now);
    conditions = Conditions.set(conditions, STALLED, failed != null, failed != null ? "CommitRejected" : "Reconciled",
        failed != null ? "commit " + failed + " was not applied; the last good commit keeps running" : "spec is valid", generation, now);
    var snapshot = live.latestSnapshot(id);
    ProjectStatus status = new ProjectStatus(generation, conditions, id.toString(),
        snapshot.map(ProjectApplier.SnapshotInfo::version).orElse(null), g.appliedRevision(),
        snapshot.map(s -> Timestamps.format(s.appliedAt())).orElse(null),
        state == null ? null : state.json(), state == null ? null : webhooks(state), errors, null,
        new ProjectStatus.Git(g.fetchedRevision(), g.appliedRevision(), failed));
    return patch(cr, old, status, git.interval(cr));
  }

  @Override
  public DeleteControl cleanup(Project cr, Context<Project> context) {
    UUID id = projectId(cr);
    if (GitProjects.isGitSourced(cr)) git.forget(cr);
    boolean removed = live.remove(id);
    LOG.info("project {}/{} deleted: Lightning project {} {}", cr.getMetadata().getNamespace(), cr.getMetadata().getName(),
        id, removed ? "removed (run history kept)" : "was not live");
    return DeleteControl.defaultDelete();
  }

  private UpdateControl<Project> patch(Project cr, ProjectStatus old, ProjectStatus status, Duration interval) {
    if (status.equals(old)) {
      return UpdateControl.<Project>noUpdate().rescheduleAfter(interval);
    }
    Project patch = new Project();
    patch.setMetadata(new ObjectMetaBuilder().withName(cr.getMetadata().getName())
        .withNamespace(cr.getMetadata().getNamespace()).build());
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch).rescheduleAfter(interval);
  }

  /** The project's id: the one recorded in status, else the resource's uid (a UUID, stable for its life). */
  static UUID projectId(Project cr) {
    if (cr.getStatus() != null && cr.getStatus().projectId() != null) {
      return UUID.fromString(cr.getStatus().projectId());
    }
    String uid = cr.getMetadata().getUid();
    try {
      return UUID.fromString(uid);
    } catch (IllegalArgumentException | NullPointerException e) {
      String key = cr.getMetadata().getNamespace() + "/" + cr.getMetadata().getName();
      return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
  }

  private List<ProjectStatus.Webhook> webhooks(ProjectState state) {
    List<ProjectStatus.Webhook> out = new ArrayList<>();
    JsonNode workflows = state.json().path("workflows");
    for (Iterator<Map.Entry<String, JsonNode>> it = workflows.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> wf = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> ts = wf.getValue().path("triggers").fields(); ts.hasNext(); ) {
        Map.Entry<String, JsonNode> t = ts.next();
        if ("webhook".equals(t.getValue().path("type").asText()) && t.getValue().hasNonNull("id")) {
          String triggerId = t.getValue().get("id").asText();
          out.add(new ProjectStatus.Webhook(wf.getKey(), t.getKey(), triggerId, publicBaseUrl + "/i/" + triggerId));
        }
      }
    }
    return out;
  }

  private static String summary(List<ProjectStatus.DriftChange> drift) {
    return String.join(", ", drift.stream().map(c -> c.path() + " " + c.change()
        + (c.fields() == null ? "" : " " + c.fields())).toList());
  }
}
