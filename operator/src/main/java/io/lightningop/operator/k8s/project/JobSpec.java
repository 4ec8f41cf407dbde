package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One job: JavaScript run with an OpenFn adaptor. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.body) != has(self.bodyFrom)",
    message = "a job has exactly one of body and bodyFrom")
public record JobSpec(
    @Required @Size(min = 1, max = 100) @Pattern("^[a-zA-Z0-9_\\- ]*$")
    @JsonPropertyDescription("Job name, unique in its workflow: letters, digits, spaces, `_` and `-`, at most 100 characters.")
    String name,

    @Pattern("^(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*(@[^\\s]+)?$")
    @JsonPropertyDescription("npm specifier of the adaptor, e.g. @openfn/language-http@latest. Defaults to @openfn/language-common@latest.")
    String adaptor,

    @JsonPropertyDescription("The job's code, inline.")
    String body,

    @JsonPropertyDescription("Where to read the job's code from instead of `body`.")
    BodySource bodyFrom,

    @JsonPropertyDescription("Key of the credential (in spec.credentials) the job runs with.")
    String credential) {}
