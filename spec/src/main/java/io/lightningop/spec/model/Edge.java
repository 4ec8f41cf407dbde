package io.lightningop.spec.model;

/**
 * An edge from a trigger or a job (exactly one of {@code sourceTrigger}, {@code sourceJob}, both
 * keys) to a job. {@code enabled} null means "not given".
 */
public record Edge(
    String key,
    String sourceTrigger,
    String sourceJob,
    String targetJob,
    String conditionType,
    String conditionExpression,
    String conditionLabel,
    Boolean enabled) {

  public static final String ALWAYS = "always";
  public static final String ON_JOB_SUCCESS = "on_job_success";
  public static final String ON_JOB_FAILURE = "on_job_failure";
  public static final String JS_EXPRESSION = "js_expression";

  /** The key of the source, trigger or job, whichever is set. */
  public String source() {
    return sourceTrigger != null ? sourceTrigger : sourceJob;
  }
}
