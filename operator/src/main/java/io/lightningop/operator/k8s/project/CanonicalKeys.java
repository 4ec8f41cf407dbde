package io.lightningop.operator.k8s.project;

import io.lightningop.spec.model.Credential;
import io.lightningop.spec.model.Edge;
import io.lightningop.spec.model.Job;
import io.lightningop.spec.model.Keys;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.model.Trigger;
import io.lightningop.spec.model.Workflow;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Re-keys a project by names, the way a project pulled from Lightning is keyed (workflow and job
 * names hyphenated, triggers by type, edges {@code source->target}, credentials
 * {@code owner-name}). A resource may use any keys it likes; once both sides are keyed alike, a
 * live project and a resource match entity by entity, so ids are kept and drift is exact.
 */
final class CanonicalKeys {
  private CanonicalKeys() {}

  static Project of(Project p) {
    Map<String, String> credentialKeys = new HashMap<>();
    Map<String, Credential> credentials = new LinkedHashMap<>();
    p.credentials().forEach((key, c) -> {
      String k = c.owner() == null ? key : Keys.credential(c.owner(), c.name());
      credentialKeys.put(key, k);
      credentials.put(k, new Credential(k, c.name(), c.owner()));
    });
    Map<String, Workflow> workflows = new LinkedHashMap<>();
    p.workflows().values().forEach(w -> {
      Workflow c = workflow(w, credentialKeys);
      workflows.put(c.key(), c);
    });
    return new Project(p.name(), p.description(), credentials, p.collections(), p.channels(), workflows);
  }

  private static Workflow workflow(Workflow w, Map<String, String> credentialKeys) {
    Map<String, String> jobKeys = new HashMap<>();
    Map<String, String> jobNames = new HashMap<>();
    w.jobs().forEach((key, j) -> {
      jobKeys.put(key, Keys.job(j.name()));
      jobNames.put(key, j.name());
    });
    Map<String, String> triggerTypes = new HashMap<>();
    w.triggers().forEach((key, t) -> triggerTypes.put(key, t.type()));

    Map<String, Job> jobs = new LinkedHashMap<>();
    w.jobs().forEach((key, j) -> {
      String k = jobKeys.get(key);
      String cred = j.credential() == null ? null : credentialKeys.getOrDefault(j.credential(), j.credential());
      // Lightning stores its default adaptor for a job that names none; say so, or it looks like drift.
      String adaptor = j.adaptor() == null ? Job.DEFAULT_ADAPTOR : j.adaptor();
      jobs.put(k, new Job(k, j.name(), adaptor, j.body(), cred, j.credentialGiven()));
    });
    Map<String, Trigger> triggers = new LinkedHashMap<>();
    w.triggers().forEach((key, t) -> {
      // Lightning answers a webhook before the run starts unless told otherwise.
      String reply = t.webhookReply() == null && Trigger.WEBHOOK.equals(t.type()) ? "before_start" : t.webhookReply();
      triggers.put(t.type(), new Trigger(t.type(), t.type(), t.enabled(), t.cronExpression(),
          t.cronCursorJob() == null ? null : jobKeys.getOrDefault(t.cronCursorJob(), t.cronCursorJob()),
          reply, t.webhookResponseConfig(), t.kafkaConfiguration()));
    });
    Map<String, Edge> edges = new LinkedHashMap<>();
    w.edges().forEach((key, e) -> {
      String sourceTrigger = e.sourceTrigger() == null ? null : triggerTypes.getOrDefault(e.sourceTrigger(), e.sourceTrigger());
      String sourceJob = e.sourceJob() == null ? null : jobKeys.getOrDefault(e.sourceJob(), e.sourceJob());
      String target = jobKeys.getOrDefault(e.targetJob(), e.targetJob());
      String sourceName = sourceTrigger != null ? sourceTrigger : jobNames.getOrDefault(e.sourceJob(), e.sourceJob());
      String k = Keys.edge(sourceName, jobNames.getOrDefault(e.targetJob(), e.targetJob()));
      // Lightning's defaults: a trigger's edge is always taken, a job's on success.
      String condition = e.conditionType() != null ? e.conditionType()
          : sourceTrigger != null ? Edge.ALWAYS : Edge.ON_JOB_SUCCESS;
      edges.put(k, new Edge(k, sourceTrigger, sourceJob, target, condition, e.conditionExpression(),
          e.conditionLabel(), e.enabled()));
    });
    return new Workflow(Keys.workflow(w.name()), w.name(), jobs, triggers, edges);
  }
}
