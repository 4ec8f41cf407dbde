package io.lightningop.runtime.adaptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single-step conformance cases that exercise the adaptors, run through the real packages and a
 * minimal operation runner (the full runtime semantics are the executor's): the final state and
 * the adaptor's log lines (ADA) must equal what the real OpenFn runtime produced under Node.
 * The corpus's hard-coded mock-server port is rewritten to a loopback server's port.
 */
class CorpusAdaptorIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LoopbackServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new LoopbackServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The project's copy of the shared conformance corpus. */
  static final Path CORPUS = Path.of("src/test/resources/conformance/cases");

  @ParameterizedTest
  @ValueSource(strings = {"019", "020", "022", "023", "025", "028", "029", "031", "032", "034", "035", "037", "038",
      "040", "041", "043", "044", "047", "092", "094", "095", "097", "098", "100", "101", "104", "109", "116"})
  void caseMatchesTheOracle(String id) throws Exception {
    Path dir;
    try (Stream<Path> list = Files.list(CORPUS)) {
      dir = list.filter(p -> p.getFileName().toString().startsWith(id + "-")).findFirst().orElseThrow();
    }
    String port = String.valueOf(server.port());
    JsonNode kase = JSON.readTree(Files.readString(dir.resolve("case.json")).replace("18931", port));
    JsonNode expected = JSON.readTree(Files.readString(dir.resolve("expected.json")).replace("18931", port));
    JsonNode step = kase.path("workflow").path("steps").get(0);
    String code = Files.readString(dir.resolve(step.path("compiled").asText())).replace("18931", port);
    for (JsonNode adaptor : step.path("adaptors")) {
      String spec = adaptor.asText();
      String name = spec.substring(0, spec.lastIndexOf('@'));
      code = code.replace("\"" + name + "\"", "\"adaptor:" + spec + "\"");
    }
    ObjectNode input = kase.has("input") ? (ObjectNode) kase.get("input").deepCopy() : JSON.createObjectNode();
    ObjectNode config = input.has("configuration") ? (ObjectNode) input.get("configuration") : JSON.createObjectNode();
    if (step.has("configuration")) config.setAll((ObjectNode) step.get("configuration"));
    input.set("configuration", config);

    try (var job = new AdaptorHarness.Job()) {
      JsonNode stepExpected = expected.path("steps").get(0);
      try {
        String out = job.run(code, JSON.writeValueAsString(input));
        ObjectNode state = (ObjectNode) JSON.readTree(out);
        state.remove("configuration");
        for (JsonNode prop : kase.path("runtimeOptions").path("statePropsToRemove")) state.remove(prop.asText());
        assertEquals("success", stepExpected.path("status").asText(), "the oracle's step failed but ours succeeded: " + out);
        assertEquals(normalize(stepExpected.path("state")), normalize(state));
      } catch (AdaptorHarness.JsError e) {
        assertEquals("fail", stepExpected.path("status").asText(), "unexpected error: " + e.getMessage());
        assertEquals(stepExpected.path("error").path("message").asText(), e.getMessage());
        Value stack = e.value.getMember("stack");
        assertTrue(stack.asString().contains("/adaptors/@openfn/language-"), "adaptor frames recognisable: " + stack);
        JsonNode details = stepExpected.path("error").path("details");
        if (details.has("statusCode")) {
          assertEquals(details.get("statusCode").asInt(), e.value.getMember("statusCode").asInt());
          assertEquals(details.get("body").toString(),
              job.context.eval("js", "(e) => JSON.stringify(e.body)").execute(e.value).asString());
        }
      }
      ArrayNode ada = JSON.createArrayNode();
      for (JsonNode line : expected.path("logs")) {
        if (line.path("source").asText().equals("ADA")) {
          ada.addObject().put("level", line.path("level").asText()).set("message", normalize(line.path("message")));
        }
      }
      ArrayNode ours = JSON.createArrayNode();
      for (AdaptorHarness.Line line : job.logs) {
        ours.addObject().put("level", line.level()).set("message", normalize(JSON.readTree(line.json())));
      }
      assertEquals(ada, ours, "ADA log lines");
    }
  }

  /** The corpus's normalization plus what the README says to compare loosely (response headers). */
  private static JsonNode normalize(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node.deepCopy();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("duration") && (e.getValue().isNumber() || e.getValue().asText().equals("<duration>"))) {
          e.setValue(TextNode.valueOf("<duration>"));
        } else if (e.getKey().equals("headers") && o.has("statusCode")) {
          e.setValue(TextNode.valueOf("<headers>"));
        } else {
          e.setValue(normalize(e.getValue()));
        }
      }
      return o;
    }
    if (node.isArray()) {
      ArrayNode a = JSON.createArrayNode();
      node.forEach(n -> a.add(normalize(n)));
      return a;
    }
    if (node.isTextual()) return TextNode.valueOf(node.asText().replaceAll(" in \\d+ms", " in <duration>"));
    return node;
  }
}
