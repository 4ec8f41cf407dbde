package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Where a project is read from when it is not written inline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceSpec(
    @Required
    @JsonPropertyDescription("A git repository holding project.yaml.")
    Git git) {

  /** A project.yaml in a git repository, polled and applied on every new revision. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Git(
      @Required @Pattern("^(https?|ssh|git|file)://.+|^[^@\\s]+@[^:\\s]+:.+$")
      @JsonPropertyDescription("Repository URL: https://, ssh://, git@host:path or file://.")
      String url,

      @JsonPropertyDescription("Branch, tag, semver tag range or commit to follow. Defaults to the default branch.")
      String ref,

      @JsonPropertyDescription("Path of project.yaml inside the repository; job `path:` files are relative to it. Defaults to project.yaml.")
      String path,

      @Pattern("^([0-9]+(ms|s|m|h))+$")
      @JsonPropertyDescription("How often the repository is polled, e.g. 1m. Defaults to 1m.")
      String interval,

      @JsonPropertyDescription("Secret with the credentials for the repository: `username` and `password` (token), or `identity` (SSH private key) and `known_hosts`.")
      SecretRef secretRef,

      @JsonPropertyDescription("Secret holding the push-webhook secret (key `secret` unless `key` is given). With it, POST /hooks/git/<namespace>/<name> signed by GitHub (X-Hub-Signature-256), GitLab (X-Gitlab-Token) or HMAC (X-Signature-256) fetches at once; without it the webhook is refused.")
      SecretRef webhookSecretRef) {}
}
