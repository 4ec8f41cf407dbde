package io.lightningop.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC grants exactly the calls in {@link KubernetesCalls}, and that table is still
 * what the operator's code does: each row's evidence is in the sources, and every fabric8 client
 * call, dependent resource and reconciled kind in the sources has a row.
 */
@EnableKubernetesMockClient(crud = true)
class ChartRbacTest {
  static KubernetesMockServer server;
  static KubernetesClient client;

  @BeforeAll
  static void cluster() {
    RenderedChart.useCluster(server, client);
  }

  static final Path SOURCES = Path.of("src/main/java/io/lightningop/operator");

  @Test
  void clusterRoleAndLeaseRoleGrantExactlyWhatTheOperatorCalls() {
    RenderedChart chart = RenderedChart.renderWithoutKeygen(Map.of());
    assertEquals(permissions(KubernetesCalls.ALL.stream().filter(c -> !c.namespaced()).toList()),
        granted(chart.all("ClusterRole")), "ClusterRole rules");
    JsonNode role = chart.one("Role", d -> true);
    assertEquals(RenderedChart.NAMESPACE, role.path("metadata").path("namespace").asText());
    assertEquals(permissions(KubernetesCalls.ALL.stream().filter(KubernetesCalls::namespaced).toList()),
        granted(List.of(role)), "namespaced Role rules");

    // Both bindings name the operator's ServiceAccount, which the Deployment runs as.
    String account = chart.one("ServiceAccount", d -> true).path("metadata").path("name").asText();
    assertEquals(account, chart.one("Deployment", d -> d.path("metadata").path("name").asText().endsWith("operator"))
        .path("spec").path("template").path("spec").path("serviceAccountName").asText());
    for (String kind : List.of("ClusterRoleBinding", "RoleBinding")) {
      JsonNode subject = chart.one(kind, d -> true).path("subjects").get(0);
      assertEquals(account, subject.path("name").asText(), kind);
      assertEquals(RenderedChart.NAMESPACE, subject.path("namespace").asText(), kind);
    }
    assertEquals(List.of(), RenderedChart.renderWithoutKeygen(Map.of("rbac.create", false)).all("ClusterRole"));
  }

  @Test
  void tableOfCallsMatchesTheOperatorSources() throws IOException {
    String all = allSources();
    List<String> missing = new ArrayList<>();
    for (KubernetesCalls call : KubernetesCalls.ALL) {
      for (KubernetesCalls.Evidence e : call.evidence()) {
        if (!Files.readString(SOURCES.resolve(e.file())).contains(e.text())) {
          missing.add(call.resource() + ": " + e.file() + " no longer contains \"" + e.text() + "\"");
        }
      }
    }
    assertEquals(List.of(), missing, "rows whose code is gone: update KubernetesCalls and the chart's RBAC");

    TreeSet<String> used = new TreeSet<>();
    Matcher client = Pattern.compile("client\\.(?:v1\\(\\)\\.)?(\\w+)\\(\\)").matcher(all);
    while (client.find()) used.add(client.group(1));
    Matcher dependent = Pattern.compile("KubernetesDependentResource<(\\w+),").matcher(all);
    while (dependent.find()) used.add(dependent.group(1));
    Matcher reconciler = Pattern.compile("implements Reconciler<(\\w+)>").matcher(all);
    while (reconciler.find()) used.add(reconciler.group(1));
    assertTrue(used.size() >= 6, "the scan found too little to be trusted: " + used);
    TreeSet<String> tabled = new TreeSet<>();
    KubernetesCalls.ALL.forEach(c -> tabled.add(c.resource()));
    List<String> unknown = new ArrayList<>();
    for (String u : used) {
      String resource = KubernetesCalls.RESOURCE_OF.get(u);
      if (resource == null || !tabled.contains(resource)) unknown.add(u);
    }
    assertEquals(List.of(), unknown, "Kubernetes calls in the operator without a row in KubernetesCalls (and so without RBAC)");
  }

  private static TreeSet<String> permissions(List<KubernetesCalls> calls) {
    TreeSet<String> out = new TreeSet<>();
    calls.forEach(c -> c.verbs().forEach(v -> out.add(c.apiGroup() + "/" + c.resource() + ":" + v)));
    return out;
  }

  private static TreeSet<String> granted(List<JsonNode> roles) {
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode role : roles) {
      for (JsonNode rule : role.path("rules")) {
        assertTrue(rule.path("resourceNames").isMissingNode() || rule.path("resourceNames").isEmpty(), "no resourceNames expected");
        for (JsonNode g : rule.path("apiGroups")) {
          for (JsonNode r : rule.path("resources")) {
            for (JsonNode v : rule.path("verbs")) {
              assertTrue(!"*".equals(v.asText()) && !"*".equals(r.asText()), "wildcards are not least privilege: " + rule);
              out.add(g.asText() + "/" + r.asText() + ":" + v.asText());
            }
          }
        }
      }
    }
    return out;
  }

  private static String allSources() throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) sb.append(Files.readString(f)).append('\n');
    }
    return sb.toString();
  }
}
