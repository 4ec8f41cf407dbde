package io.lightningop.runtime.adaptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.runtime.adaptor.npm.AdaptorCache;
import io.lightningop.runtime.adaptor.npm.AdaptorInstaller;
import io.lightningop.runtime.adaptor.npm.NpmRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** language-common's real operations in a GraalJS context. */
class LanguageCommonIT {
  private static final String IMPORT = "import { fn, each, dataValue, parseCsv, cursor, dateFns, alterState } from 'adaptor:"
      + AdaptorHarness.COMMON + "';\n";

  @Test
  void fnEachAndDataValue() throws Exception {
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run(IMPORT + """
          export default [
            fn(s => ({ ...s, data: { items: [{ n: 1 }, { n: 2 }, { n: 3 }] }, seen: [] })),
            alterState(s => ({ ...s, picked: dataValue('items[1].n')(s) })),
            each('$.data.items[*]', fn(s => { s.seen.push(s.data.n * 10 + s.index); return s; })),
          ];""", "{ data: {} }");
      assertTrue(out.contains("\"seen\":[10,21,32]") && out.contains("\"picked\":2"), out);
    }
  }

  @Test
  void parseCsvCursorAndDates() throws Exception {
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run(IMPORT + """
          export default [
            parseCsv('name,age\\n Ann ,31\\nBob,42\\n\\n'),
            cursor('2024-03-01T00:00:00.000Z', { key: 'since' }),
            fn(s => ({ rows: s.data, since: s.since, day: dateFns.format(new Date(Date.UTC(2024, 0, 15, 12)), 'yyyy-MM-dd') })),
          ];""", "{ data: {} }");
      assertEquals("{\"rows\":[{\"name\":\"Ann\",\"age\":\"31\"},{\"name\":\"Bob\",\"age\":\"42\"}],\"since\":\"2024-03-01T00:00:00.000Z\",\"day\":\"2024-01-15\"}", out);
      assertEquals("info", job.logs.get(0).level());
      assertEquals("[\"Setting since to:\",\"2024-03-01T00:00:00.000Z\"]", job.logs.get(0).json());
    }
  }

  // validate(schema = 'schema', data = 'data') loads ajv with a dynamic import() from the CommonJS
  // build; a string argument that is not a URL is a JSONPath into state. Failures do not throw:
  // they are appended to state.validationErrors as { data: state.data, errors: ajv's errors }.
  @Test
  void validateWithSchemaAndDataFromState() throws Exception {
    String schema = "{ type: 'object', required: ['name'], properties: { name: { type: 'string' }, age: { type: 'integer' } } }";
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run("import { validate } from 'adaptor:" + AdaptorHarness.COMMON + "';\n"
          + "export default [validate(), validate()];",
          "{ schema: " + schema + ", data: { name: 'Ann', age: 31 } }");
      assertTrue(out.contains("\"validationErrors\":[]"), out);
    }
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run("import { validate } from 'adaptor:" + AdaptorHarness.COMMON + "';\n"
          + "export default [validate()];",
          "{ schema: " + schema + ", data: { age: 'old' } }");
      assertTrue(out.contains("\"validationErrors\":[{\"data\":{\"age\":\"old\"},\"errors\":[{\"instancePath\":\"\","
          + "\"schemaPath\":\"#/required\",\"keyword\":\"required\",\"params\":{\"missingProperty\":\"name\"},"
          + "\"message\":\"must have required property 'name'\"}]}]"), out);
    }
  }

  @Test
  void validateWithExplicitArgumentsAndADraft2020Schema() throws Exception {
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run("import { validate, fn } from 'adaptor:" + AdaptorHarness.COMMON + "';\n"
          + "const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'ids',"
          + " type: 'array', prefixItems: [{ type: 'number' }], items: false };\n"
          + "export default [validate(schema, 'ok'), validate(schema, s => s.bad),"
          + " fn(s => ({ count: s.validationErrors.length, message: s.validationErrors[0].errors[0].message }))];",
          "{ ok: [1], bad: [1, 2] }");
      // prefixItems is a 2020-12 keyword: the default (draft-07) Ajv would reject the schema in strict mode
      assertEquals("{\"count\":1,\"message\":\"must NOT have more than 1 items\"}", out);
    }
  }

  @Test
  void exportNamesFromTheBuildAnnotationMatchWhatLoadingThePackageGives() throws Exception {
    NpmAdaptorModules modules = AdaptorHarness.modules();
    for (String spec : new String[] {AdaptorHarness.COMMON, AdaptorHarness.HTTP}) {
      modules.entryFor(spec);
      var id = io.lightningop.runtime.adaptor.npm.PackageId.parse(spec);
      String target = modules.resolver().entryOf(id);
      var annotated = modules.annotatedExports(target).orElseThrow();
      assertEquals(new java.util.TreeSet<>(modules.probe(target)), new java.util.TreeSet<>(annotated));
      assertTrue(annotated.contains("fn") && annotated.contains("each") && !annotated.contains("default"), annotated.toString());
    }
  }

  @Test
  void eachContextGetsFreshModuleState() throws Exception {
    // cursor() remembers its key at module level: a later cursor() without a key reuses it.
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run(IMPORT + "export default [cursor(1, { key: 'page' }), cursor(2)];", "{}");
      assertEquals("{\"page\":2}", out);
    }
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run(IMPORT + "export default [cursor(2)];", "{}");
      assertEquals("{\"cursor\":2}", out, "a new Context starts from the package's initial state");
    }
  }

  @Test
  void offlineModulesRefuseToDownload(@TempDir Path empty) {
    NpmAdaptorModules offline = new NpmAdaptorModules(new AdaptorInstaller(new AdaptorCache(empty),
        new NpmRegistry(URI.create("http://127.0.0.1:9/"), Duration.ofSeconds(1)), l -> {}), false);
    var e = assertThrows(AdaptorModules.AdaptorException.class, () -> offline.entryFor(AdaptorHarness.COMMON));
    assertTrue(e.getMessage().contains("adaptors install " + AdaptorHarness.COMMON), e.getMessage());
  }

  @Test
  void offlineModulesUseAPrefilledCache() throws Exception {
    AdaptorHarness.modules().entryFor(AdaptorHarness.COMMON); // fills the shared test cache
    NpmAdaptorModules offline = new NpmAdaptorModules(new AdaptorInstaller(new AdaptorCache(AdaptorHarness.CACHE),
        new NpmRegistry(URI.create("http://127.0.0.1:9/"), Duration.ofSeconds(1)), l -> {}), false);
    assertEquals("/adaptors/@openfn/language-common@3.3.4/.lightning-entry.mjs", offline.entryFor(AdaptorHarness.COMMON));
  }
}
