package io.lightningop.spec.validate;

import static io.lightningop.spec.validate.FieldPath.child;

import io.lightningop.spec.model.Channel;
import io.lightningop.spec.model.Edge;
import io.lightningop.spec.model.Job;
import io.lightningop.spec.model.KafkaConfiguration;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.model.Trigger;
import io.lightningop.spec.model.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules that need the whole project: references between entities, value formats and
 * Lightning's own constraints (lightning-protocols §1, §3.8). Shape problems (types, unknown or
 * missing keys) are found while reading; this only looks at values that were read.
 */
public final class ProjectValidator {
  private static final Pattern JOB_NAME = Pattern.compile("^[a-zA-Z0-9_\\- ]*$");
  private static final Pattern KAFKA_HOST = Pattern.compile("^[^:]+:\\d+$");
  private static final Pattern FORBIDDEN_IN_CONDITION =
      Pattern.compile("\\b(import|require|process|await|eval)\\b");
  private static final Set<String> TRIGGER_TYPES = Set.of(Trigger.WEBHOOK, Trigger.CRON, Trigger.KAFKA);
  private static final Set<String> WEBHOOK_REPLIES = Set.of("before_start", "after_completion", "custom");
  private static final Set<String> CONDITIONS =
      Set.of(Edge.ALWAYS, Edge.ON_JOB_SUCCESS, Edge.ON_JOB_FAILURE, Edge.JS_EXPRESSION);

  private final Project project;
  private final SourceMap sources;
  private final List<Problem> problems = new ArrayList<>();

  public ProjectValidator(Project project, SourceMap sources) {
    this.project = project;
    this.sources = sources;
  }

  public List<Problem> validate() {
    for (Channel c : project.channels().values()) {
      String path = FieldPath.of("channels", c.key());
      if (c.destinationCredential() != null && !project.credentials().containsKey(c.destinationCredential())) {
        report(child(path, "destination_credential"),
            "credential \"" + c.destinationCredential() + "\" is not declared under credentials");
      }
    }
    Map<String, String> workflowNames = new HashMap<>();
    for (Workflow wf : project.workflows().values()) {
      String other = wf.name() == null ? null : workflowNames.putIfAbsent(wf.name().trim(), wf.key());
      if (other != null) {
        report(child(FieldPath.of("workflows", wf.key()), "name"), "workflow name \"" + wf.name()
            + "\" is also used by workflow " + other + "; names must be unique within a project");
      }
      workflow(wf);
    }
    return List.copyOf(problems);
  }

  private void workflow(Workflow wf) {
    String path = FieldPath.of("workflows", wf.key());
    Map<String, String> namesSeen = new HashMap<>();
    for (Job job : wf.jobs().values()) job(path, job, namesSeen);
    Map<String, String> typesSeen = new HashMap<>();
    for (Trigger t : wf.triggers().values()) trigger(path, wf, t, typesSeen);
    for (Edge e : wf.edges().values()) edge(path, wf, e);
    cycles(path, wf);
  }

  private void job(String wfPath, Job job, Map<String, String> namesSeen) {
    String path = child(child(wfPath, "jobs"), job.key());
    String name = job.name();
    if (name != null) {
      String namePath = child(path, "name");
      if (name.isBlank()) report(namePath, "job name must not be blank");
      if (name.length() > 100) report(namePath, "job name is longer than 100 characters");
      if (!JOB_NAME.matcher(name).matches()) {
        report(namePath, "job name \"" + name + "\" may only contain letters, digits, spaces, - and _");
      }
      String other = namesSeen.putIfAbsent(name.trim(), job.key());
      if (other != null) {
        report(namePath, "job name \"" + name + "\" is also used by job " + other
            + "; names must be unique within a workflow");
      }
    }
    if (job.adaptor() != null) {
      AdaptorSpecifier.parse(job.adaptor()).problem().ifPresent(m -> report(child(path, "adaptor"), m));
    }
    if (job.credential() != null && !project.credentials().containsKey(job.credential())) {
      report(child(path, "credential"),
          "credential \"" + job.credential() + "\" is not declared under credentials");
    }
  }

  private void trigger(String wfPath, Workflow wf, Trigger t, Map<String, String> typesSeen) {
    String path = child(child(wfPath, "triggers"), t.key());
    String type = t.type();
    if (type == null) return;
    String typePath = child(path, "type");
    if (!TRIGGER_TYPES.contains(type)) {
      report(typePath, "unknown trigger type \"" + type + "\" (expected webhook, cron or kafka)");
      return;
    }
    String other = typesSeen.putIfAbsent(type, t.key());
    if (other != null) {
      report(typePath, "two triggers of type " + type + " (" + other + " and " + t.key()
          + "); a workflow has at most one trigger per type");
    }
    onlyFor(path, type, Trigger.CRON, "cron_expression", t.cronExpression());
    onlyFor(path, type, Trigger.CRON, "cron_cursor_job", t.cronCursorJob());
    onlyFor(path, type, Trigger.WEBHOOK, "webhook_reply", t.webhookReply());
    onlyFor(path, type, Trigger.WEBHOOK, "webhook_response_config", t.webhookResponseConfig());
    onlyFor(path, type, Trigger.KAFKA, "kafka_configuration", t.kafkaConfiguration());
    if (t.cronExpression() != null && type.equals(Trigger.CRON)) {
      CronExpressions.problem(t.cronExpression()).ifPresent(m -> report(child(path, "cron_expression"), m));
    }
    if (t.cronCursorJob() != null && type.equals(Trigger.CRON) && !wf.jobs().containsKey(t.cronCursorJob())) {
      report(child(path, "cron_cursor_job"), "job \"" + t.cronCursorJob() + "\" does not exist in this workflow");
    }
    if (t.webhookReply() != null && !WEBHOOK_REPLIES.contains(t.webhookReply())) {
      report(child(path, "webhook_reply"), "unknown webhook_reply \"" + t.webhookReply()
          + "\" (expected before_start, after_completion or custom)");
    }
    if (t.webhookResponseConfig() != null) {
      statusCode(path, "success_code", t.webhookResponseConfig().successCode());
      statusCode(path, "error_code", t.webhookResponseConfig().errorCode());
    }
    KafkaConfiguration k = t.kafkaConfiguration();
    if (k != null && type.equals(Trigger.KAFKA)) {
      String hostsPath = child(child(path, "kafka_configuration"), "hosts");
      List<String> hosts = k.hosts() == null ? List.of() : k.hosts();
      if (hosts.isEmpty()) report(hostsPath, "a kafka trigger needs at least one host:port");
      for (int i = 0; i < hosts.size(); i++) {
        if (!KAFKA_HOST.matcher(hosts.get(i)).matches()) {
          report(FieldPath.index(hostsPath, i),
              "Kafka host must be specified in the format host:port, found: " + hosts.get(i));
        }
      }
    }
  }

  private void statusCode(String triggerPath, String field, Integer code) {
    if (code != null && (code < 100 || code > 599)) {
      report(child(child(triggerPath, "webhook_response_config"), field),
          "HTTP status " + code + " is outside 100-599");
    }
  }

  private void onlyFor(String path, String type, String expected, String field, Object value) {
    if (value != null && !type.equals(expected)) {
      report(child(path, field), field + " applies to " + expected + " triggers only, this one is " + type);
    }
  }

  private void edge(String wfPath, Workflow wf, Edge e) {
    String path = child(child(wfPath, "edges"), e.key());
    boolean hasTrigger = e.sourceTrigger() != null;
    boolean hasJob = e.sourceJob() != null;
    if (hasTrigger && hasJob) {
      report(child(path, "source_job"), "an edge has one source: give source_trigger or source_job, not both");
    } else if (!hasTrigger && !hasJob && !sources.has(child(path, "source_trigger")) && !sources.has(child(path, "source_job"))) {
      reportKey(path, "required field is missing (source_trigger or source_job)");
    }
    if (hasTrigger && !wf.triggers().containsKey(e.sourceTrigger())) {
      reportKey(path,
          "source_trigger \"" + e.sourceTrigger() + "\" does not exist");
    }
    if (hasJob && !wf.jobs().containsKey(e.sourceJob())) {
      reportKey(path, "source_job \"" + e.sourceJob() + "\" does not exist");
    }
    if (e.targetJob() != null && !wf.jobs().containsKey(e.targetJob())) {
      reportKey(path, "target_job \"" + e.targetJob() + "\" does not exist");
    }
    String ct = e.conditionType();
    String ctPath = sources.has(child(path, "condition_type")) ? child(path, "condition_type") : child(path, "condition");
    if (ct != null) {
      if (!CONDITIONS.contains(ct)) {
        report(ctPath, "unknown condition_type \"" + ct
            + "\" (expected always, on_job_success, on_job_failure or js_expression)");
      } else if (hasTrigger && !hasJob && (ct.equals(Edge.ON_JOB_SUCCESS) || ct.equals(Edge.ON_JOB_FAILURE))) {
        report(ctPath, "an edge from a trigger can only be always or js_expression, not " + ct);
      }
      if (ct.equals(Edge.JS_EXPRESSION)) {
        if (e.conditionExpression() == null) reportKey(path, "condition_expression is required for js_expression");
        if (e.conditionLabel() == null) reportKey(path, "condition_label is required for js_expression");
      }
    }
    String expr = e.conditionExpression();
    if (expr != null) {
      String exprPath = child(path, "condition_expression");
      if (expr.length() > 255) report(exprPath, "condition_expression is longer than 255 characters");
      var m = FORBIDDEN_IN_CONDITION.matcher(expr);
      if (m.find()) report(exprPath, "condition_expression must not use \"" + m.group(1) + "\"");
    }
  }

  /** Job-to-job edges must not form a cycle; each cycle is reported once, at its first edge. */
  private void cycles(String wfPath, Workflow wf) {
    Map<String, List<Edge>> out = new LinkedHashMap<>();
    for (Edge e : wf.edges().values()) {
      if (e.sourceJob() != null && e.sourceTrigger() == null && e.targetJob() != null
          && wf.jobs().containsKey(e.sourceJob()) && wf.jobs().containsKey(e.targetJob())) {
        out.computeIfAbsent(e.sourceJob(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
    for (String start : out.keySet()) {
      if (!state.containsKey(start)) visit(wfPath, start, out, state, new ArrayList<>());
    }
  }

  private void visit(String wfPath, String job, Map<String, List<Edge>> out, Map<String, Integer> state,
      List<Edge> trail) {
    state.put(job, 1);
    for (Edge e : out.getOrDefault(job, List.of())) {
      String next = e.targetJob();
      Integer s = state.get(next);
      trail.add(e);
      if (s == null) {
        visit(wfPath, next, out, state, trail);
      } else if (s == 1) {
        int from = 0;
        while (!trail.get(from).sourceJob().equals(next)) from++;
        List<Edge> cycle = trail.subList(from, trail.size());
        StringBuilder names = new StringBuilder(next);
        for (Edge c : cycle) names.append(" -> ").append(c.targetJob());
        reportKey(child(child(wfPath, "edges"), cycle.get(0).key()),
            "edges form a cycle: " + names + "; a workflow must not loop");
      }
      trail.remove(trail.size() - 1);
    }
    state.put(job, 2);
  }

  private void report(String path, String message) {
    problems.add(sources.problem(path, message));
  }

  /** A problem about an entity as a whole, located at its key. */
  private void reportKey(String path, String message) {
    problems.add(sources.keyProblem(path, message));
  }
}
