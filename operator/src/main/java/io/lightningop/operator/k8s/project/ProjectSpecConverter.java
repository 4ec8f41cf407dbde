package io.lightningop.operator.k8s.project;

import io.lightningop.spec.model.Collection;
import io.lightningop.spec.model.Credential;
import io.lightningop.spec.model.Edge;
import io.lightningop.spec.model.Job;
import io.lightningop.spec.model.JobBody;
import io.lightningop.spec.model.Trigger;
import io.lightningop.spec.model.Workflow;
import io.lightningop.spec.validate.FieldPath;
import io.lightningop.spec.validate.Location;
import io.lightningop.spec.validate.Problem;
import io.lightningop.spec.validate.ProjectValidator;
import io.lightningop.spec.validate.SourceMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a Project resource into the project.yaml model ({@link io.lightningop.spec.model.Project})
 * and validates it with the same rules as a project.yaml, so the resource is a project.yaml in
 * another form. Problems name the resource and the CR field path ({@code spec.workflows…}).
 */
public final class ProjectSpecConverter {
  /** Reads a key of a ConfigMap in the Project's namespace; empty when the ConfigMap or key is missing. */
  @FunctionalInterface
  public interface ConfigMaps {
    Optional<String> read(String namespace, String name, String key);
  }

  /** The converted project (null when nothing could be converted) and every problem found. */
  public record Converted(io.lightningop.spec.model.Project project, List<Problem> problems) {
    public boolean valid() {
      return project != null && problems.isEmpty();
    }

    /** Problems as one line each: {@code spec.path: message}. */
    public List<String> messages() {
      return problems.stream().map(p -> p.path() == null || p.path().isEmpty() ? p.message() : p.path() + ": " + p.message()).toList();
    }
  }

  // project.yaml field names the shared validator uses, and the CR's names for them.
  private static final Map<String, String> CR_FIELD = Map.of(
      "source_trigger", "sourceTrigger", "source_job", "sourceJob", "target_job", "targetJob",
      "condition_type", "conditionType", "condition_expression", "conditionExpression",
      "condition_label", "conditionLabel", "cron_expression", "cronExpression",
      "cron_cursor_job", "cronCursorJob", "webhook_reply", "webhookReply");

  private final ConfigMaps configMaps;

  public ProjectSpecConverter(ConfigMaps configMaps) {
    this.configMaps = configMaps;
  }

  /** The name problems are reported under, e.g. {@code Project default/openhie}. */
  public static String resourceName(Project cr) {
    return "Project " + cr.getMetadata().getNamespace() + "/" + cr.getMetadata().getName();
  }

  public Converted convert(Project cr) {
    String file = resourceName(cr);
    List<Problem> problems = new ArrayList<>();
    ProjectSpec spec = cr.getSpec();
    if (spec == null || spec.workflows() == null) {
      problems.add(problem(file, "spec.workflows", spec != null && spec.source() != null
          ? "git sources are applied by the git source controller, not inline" : "a Project needs workflows"));
      return new Converted(null, problems);
    }
    Map<String, Credential> credentials = new LinkedHashMap<>();
    each(spec.credentials(), (key, c) -> credentials.put(key, new Credential(key, c.name(), c.owner())));
    Map<String, Collection> collections = new LinkedHashMap<>();
    each(spec.collections(), (key, c) -> collections.put(key, new Collection(key, c.name())));
    Map<String, Workflow> workflows = new LinkedHashMap<>();
    each(spec.workflows(), (key, w) -> workflows.put(key, workflow(cr, key, w, file, problems)));
    var project = new io.lightningop.spec.model.Project(
        spec.name() != null ? spec.name() : cr.getMetadata().getName(), spec.description(),
        credentials, collections, Map.of(), workflows);
    for (Problem p : new ProjectValidator(project, SourceMap.empty(file)).validate()) {
      problems.add(problem(file, crPath(p.path()), crWords(p.message())));
    }
    return new Converted(project, problems);
  }

  private Workflow workflow(Project cr, String wfKey, WorkflowSpec w, String file, List<Problem> problems) {
    String path = FieldPath.of("spec", "workflows", wfKey);
    Map<String, Job> jobs = new LinkedHashMap<>();
    each(w.jobs(), (key, j) -> jobs.put(key, new Job(key, j.name(), j.adaptor(),
        body(cr, j, FieldPath.child(FieldPath.child(path, "jobs"), key), file, problems), j.credential())));
    Map<String, Trigger> triggers = new LinkedHashMap<>();
    each(w.triggers(), (key, t) -> triggers.put(key, new Trigger(key, t.type() == null ? null : t.type().wireName(),
        t.enabled(), t.cronExpression(), t.cronCursorJob(), t.webhookReply() == null ? null : t.webhookReply().wireName(),
        null, null)));
    Map<String, Edge> edges = new LinkedHashMap<>();
    each(w.edges(), (key, e) -> edges.put(key, new Edge(key, e.sourceTrigger(), e.sourceJob(), e.targetJob(),
        e.conditionType() == null ? null : e.conditionType().wireName(), e.conditionExpression(), e.conditionLabel(),
        e.enabled())));
    return new Workflow(wfKey, w.name(), jobs, triggers, edges);
  }

  private JobBody body(Project cr, JobSpec job, String jobPath, String file, List<Problem> problems) {
    if (job.bodyFrom() == null) {
      if (job.body() == null) {
        problems.add(problem(file, FieldPath.child(jobPath, "body"), "a job needs body or bodyFrom"));
      }
      return job.body() == null ? null : JobBody.inline(job.body());
    }
    BodySource.ConfigMapKeyRef ref = job.bodyFrom().configMapKeyRef();
    String refPath = FieldPath.child(FieldPath.child(jobPath, "bodyFrom"), "configMapKeyRef");
    if (ref == null || ref.name() == null || ref.key() == null) {
      problems.add(problem(file, refPath, "needs name and key"));
      return null;
    }
    String ns = cr.getMetadata().getNamespace();
    Optional<String> text = configMaps.read(ns, ref.name(), ref.key());
    if (text.isEmpty()) {
      problems.add(problem(file, refPath, "ConfigMap " + ns + "/" + ref.name() + " has no key \"" + ref.key() + "\""));
      return null;
    }
    return JobBody.file("configmap:" + ref.name() + "/" + ref.key(), text.get());
  }

  /** {@code workflows.a.edges["x->y"].target_job} → {@code spec.workflows.a.edges["x->y"].targetJob}. */
  static String crPath(String yamlPath) {
    if (yamlPath == null || yamlPath.isEmpty()) {
      return "spec";
    }
    int dot = yamlPath.lastIndexOf('.');
    String last = yamlPath.substring(dot + 1);
    String renamed = CR_FIELD.getOrDefault(last, last);
    return "spec." + yamlPath.substring(0, dot + 1) + renamed;
  }

  /** Field names inside a validator message, in the CR's spelling. */
  static String crWords(String message) {
    String out = message;
    for (Map.Entry<String, String> e : CR_FIELD.entrySet()) {
      out = out.replaceAll("\\b" + e.getKey() + "\\b", e.getValue());
    }
    return out;
  }

  private static Problem problem(String file, String path, String message) {
    return new Problem(file, Location.START, path, message);
  }

  private static <V> void each(Map<String, V> map, java.util.function.BiConsumer<String, V> action) {
    if (map != null) {
      map.forEach(action);
    }
  }
}
