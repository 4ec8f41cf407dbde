package io.lightningop.operator.k8s.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lightningop.operator.state.Credentials;
import io.lightningop.operator.state.ExternalCredentials;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials whose body is a Kubernetes Secret. Lightning's database keeps only a reference
 * (namespace, name, key) under the schema {@link #SCHEMA}; the worker channel reads the Secret
 * when a run fetches the credential. A Secret that is missing is reported on the Project, never
 * a crash: the run that needs it fails with "Credential not found".
 */
public final class SecretCredentials {
  public static final String SCHEMA = ExternalCredentials.EXTERNAL_PREFIX + "kubernetes-secret";
  /** The key read when a secretRef names none and the Secret has it: the whole JSON body. */
  static final String BODY_KEY = "credential.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final Credentials credentials;

  public SecretCredentials(KubernetesClient client, Credentials credentials) {
    this.client = client;
    this.credentials = credentials;
  }

  /** Lets the worker channel read the Secrets behind stored references. Close to stop. */
  public AutoCloseable serveRuns() {
    return ExternalCredentials.register(SCHEMA, this::read);
  }

  /**
   * Records a reference for every credential of {@code cr} that names a Secret (so the project
   * can be linked to it) and returns a message for each Secret or key that cannot be read now.
   */
  public List<String> sync(Project cr) {
    List<String> problems = new ArrayList<>();
    Map<String, CredentialSpec> specs = cr.getSpec().credentials();
    if (specs == null) {
      return problems;
    }
    String ns = cr.getMetadata().getNamespace();
    specs.forEach((key, c) -> {
      if (c.secretRef() == null) {
        return;
      }
      ObjectNode ref = JSON.createObjectNode().put("namespace", ns).put("name", c.secretRef().name());
      if (c.secretRef().key() != null) {
        ref.put("key", c.secretRef().key());
      }
      credentials.put(c.owner() == null ? "" : c.owner(), c.name(), SCHEMA, ref);
      if (read(ref).isEmpty()) {
        problems.add("credentials." + key + ": Secret " + ns + "/" + c.secretRef().name()
            + (c.secretRef().key() == null ? "" : " key \"" + c.secretRef().key() + "\"") + " not found");
      }
    });
    return problems;
  }

  /** The credential body from the Secret a reference names, or empty when it cannot be read. */
  Optional<JsonNode> read(JsonNode ref) {
    Secret secret;
    try {
      secret = client.secrets().inNamespace(ref.path("namespace").asText()).withName(ref.path("name").asText()).get();
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
    if (secret == null) {
      return Optional.empty();
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    String key = ref.hasNonNull("key") ? ref.get("key").asText() : data.containsKey(BODY_KEY) ? BODY_KEY : null;
    if (key != null) {
      return Optional.ofNullable(data.get(key)).map(SecretCredentials::decode).map(SecretCredentials::body);
    }
    // No key: one credential field per Secret key, e.g. username and password.
    ObjectNode fields = JSON.createObjectNode();
    data.forEach((k, v) -> fields.put(k, decode(v)));
    return Optional.of(fields);
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  /** A JSON object as is; any other text becomes {"value": text}. */
  private static JsonNode body(String text) {
    try {
      JsonNode parsed = JSON.readTree(text);
      if (parsed != null && parsed.isObject()) {
        return parsed;
      }
    } catch (java.io.IOException notJson) {
      // plain text secret
    }
    return JSON.createObjectNode().put("value", text);
  }
}
