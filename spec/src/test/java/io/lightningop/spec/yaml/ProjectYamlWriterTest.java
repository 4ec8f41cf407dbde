package io.lightningop.spec.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.spec.LoadedProject;
import io.lightningop.spec.ProjectLoader;
import io.lightningop.spec.model.Edge;
import io.lightningop.spec.model.Job;
import io.lightningop.spec.model.JobBody;
import io.lightningop.spec.model.Project;
import io.lightningop.spec.model.Trigger;
import io.lightningop.spec.model.Workflow;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProjectYamlWriterTest {
  static final Path DIR = Path.of("..", "examples", "openhie");

  private static Project reread(String yaml) {
    LoadedProject loaded = ProjectLoader.parse(yaml, "written.yaml", DIR);
    assertEquals(List.of(), loaded.problems(), yaml);
    return loaded.project();
  }

  @Test
  void theExampleWritesAndReadsBackUnchanged() {
    Project p = ProjectLoader.load(DIR.resolve("project.yaml")).orThrow();
    String yaml = ProjectYamlWriter.write(p);
    assertEquals(p, reread(yaml));
    assertTrue(yaml.contains("\n        adaptor: '@openfn/language-http@latest'\n"), yaml);
    assertTrue(yaml.contains("\n        body:\n          path: ./jobs/fhir-standard-data.js\n"), yaml);
    assertTrue(yaml.contains("\n        body: |\n          fn(state => {\n"), yaml);
    assertTrue(yaml.startsWith("name: openhie-project\ndescription: "), yaml);
  }

  @Test
  void inlinedBodiesAndUnsetFieldsReadBackUnchanged() {
    Map<String, Job> jobs = new LinkedHashMap<>();
    jobs.put("a", new Job("a", "a", null, JobBody.inline("no newline"), null, false));
    jobs.put("b", new Job("b", "b", "@openfn/language-common@1.2.3", JobBody.inline("  indented\n\n\nkeep\n\n"), null, true));
    jobs.put("c", new Job("c", "c", null, JobBody.inline("\n\nstarts blank\r\nwith \u0007 bell\n"), null, false));
    Map<String, Trigger> triggers = Map.of("cron", new Trigger("cron", "cron", false, "0 0 * * *", "a", null, null, null));
    Map<String, Edge> edges = new LinkedHashMap<>();
    edges.put("cron->a", new Edge("cron->a", "cron", null, "a", "always", null, null, null));
    edges.put("a->b", new Edge("a->b", null, "a", "b", "js_expression", "state.data.age > 18 && !state.x", "adult: yes", true));
    Project p = new Project("p: #1", "true", Map.of(), Map.of(), Map.of(),
        Map.of("w", new Workflow("w", "2023-08-25", jobs, triggers, edges)));
    assertEquals(p, reread(ProjectYamlWriter.write(p)));
  }

  @Test
  void anyTextSurvivesQuoting() {
    Random random = new Random(7);
    String alphabet = "aZ0 _-.:#'\"\\@>*&!|%`,[]{}\t\n\r\u00e9\u2028\u0085\u0001";
    for (int i = 0; i < 1500; i++) {
      StringBuilder s = new StringBuilder();
      int n = random.nextInt(12);
      for (int k = 0; k < n; k++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String text = s.toString();
      Job job = new Job("j", "j", null, JobBody.inline(text), null, false);
      Project p = new Project(text.isEmpty() ? "x" : text, null, Map.of(), Map.of(), Map.of(),
          Map.of("w", new Workflow("w", "w", Map.of("j", job), Map.of(), Map.of())));
      LoadedProject back = ProjectLoader.parse(ProjectYamlWriter.write(p), "w.yaml", DIR);
      assertEquals(p.name(), back.project().name(), () -> "name " + escape(text));
      assertEquals(text, back.project().workflows().get("w").jobs().get("j").bodyText(), () -> "body " + escape(text));
    }
  }

  @Test
  void textThatYamlWouldReadAsAnotherTypeIsQuoted() {
    for (String s : List.of("true", "no", "null", "~", "12", "1.5", "0o17", "1e3", ".inf", "2023-08-25", "._")) {
      assertEquals("'" + s + "'", ProjectYamlWriter.text(s));
    }
    assertEquals("OpenHIE Workflow", ProjectYamlWriter.text("OpenHIE Workflow"));
    assertEquals("webhook->FHIR-standard-Data", ProjectYamlWriter.text("webhook->FHIR-standard-Data"));
    assertEquals("'@openfn/language-http@latest'", ProjectYamlWriter.text("@openfn/language-http@latest"));
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return b.toString();
  }
}
