package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * A credential the jobs use. Its body lives in a Secret and is read when a run fetches it; it is
 * never copied into Lightning's database or into the resource's status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialSpec(
    @Required
    @JsonPropertyDescription("Credential name as Lightning shows it.")
    String name,

    @Required
    @JsonPropertyDescription("E-mail of the Lightning user who owns the credential.")
    String owner,

    @JsonPropertyDescription("Secret in the Project's namespace holding the credential's JSON body (the whole key `key`, default `credential.json`), or one field per Secret key when no key is given and `credential.json` is absent.")
    SecretRef secretRef) {}
