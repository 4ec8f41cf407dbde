package io.lightningop.operator.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code helm template} of the chart (offline, helm-java's bundled helm), parsed into documents.
 * helm-java's template answers the chart's {@code lookup} calls from a cluster: surefire points
 * {@code KUBECONFIG} at {@link #KUBECONFIG}, which {@link #useCluster} writes for fabric8's CRUD
 * mock server, so a test can also play the cluster of an upgrade.
 */
record RenderedChart(List<JsonNode> documents) {
  static final Path CHART = Path.of("../helm/lightning-operator");
  static final String NAMESPACE = "lightning";
  static final String RELEASE = "lightning";
  static final Path KUBECONFIG = Path.of("target/helm-test/kubeconfig.yaml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Makes {@code lookup} read from the mock: discovery of the core group, the rest CRUD. */
  static void useCluster(KubernetesMockServer server, KubernetesClient client) {
    APIResourceList core = new APIResourceListBuilder().withGroupVersion("v1")
        .addNewResource().withName("secrets").withKind("Secret").withNamespaced(true).withSingularName("secret")
          .withVerbs("get", "list").endResource()
        .build();
    // client-go asks with its default request timeout as a query parameter
    for (String path : List.of("/api/v1", "/api/v1?timeout=32s")) {
      server.expect().get().withPath(path).andReturn(200, core).always();
    }
    String kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
        users: [{name: mock, user: {token: test}}]
        contexts: [{name: mock, context: {cluster: mock, user: mock}}]
        current-context: mock
        """.formatted(client.getMasterUrl().toString().replaceAll("/$", ""));
    try {
      Files.createDirectories(KUBECONFIG.getParent());
      Files.writeString(KUBECONFIG, kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Renders with a given keys Secret: generating the 4096-bit run-token key costs seconds on a
   * loaded machine, and only the tests about keys need it.
   */
  static RenderedChart renderWithoutKeygen(Map<String, Object> values) {
    Map<String, Object> all = new java.util.HashMap<>(values);
    all.putIfAbsent("keys.existingSecret", "lightning-keys");
    return render(all);
  }

  static RenderedChart render(Map<String, Object> values) {
    TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
    values.forEach(template::set);
    return parse(template.call());
  }

  static RenderedChart parse(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) docs.add(doc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm template printed YAML that does not parse", e);
    }
    return new RenderedChart(List.copyOf(docs));
  }

  List<JsonNode> all(String kind) {
    return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  JsonNode one(String kind, Predicate<JsonNode> which) {
    List<JsonNode> found = all(kind).stream().filter(which).toList();
    if (found.size() != 1) throw new AssertionError("expected one " + kind + ", rendered " + found.size());
    return found.get(0);
  }

  JsonNode one(String kind, String name) {
    return one(kind, d -> name.equals(d.path("metadata").path("name").asText()));
  }

  JsonNode operatorContainer() {
    return one("Deployment", RELEASE + "-lightning-operator").path("spec").path("template").path("spec").path("containers").get(0);
  }
}
