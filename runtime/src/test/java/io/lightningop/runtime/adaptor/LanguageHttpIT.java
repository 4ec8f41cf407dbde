package io.lightningop.runtime.adaptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** language-http's real operations against a loopback server, through the Java HTTP bridge. */
class LanguageHttpIT {
  private static LoopbackServer server;
  private static final String IMPORT = "import { get, post, request, fn } from 'adaptor:" + AdaptorHarness.HTTP + "';\n";

  @BeforeAll
  static void start() throws Exception {
    server = new LoopbackServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private String state(String config) {
    return "{ data: {}, configuration: " + config + " }";
  }

  @Test
  void basicAuthGetAndJsonPost() throws Exception {
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run(IMPORT + """
          export default [
            get('/basic'),
            fn(s => ({ ...s, who: s.data.user })),
            post('/api/echo', { a: 1, text: 'héllo' }, { query: { q: 'x y' } }),
          ];""", state("{ baseUrl: '" + server.base() + "', username: 'user', password: 'pass' }"));
      assertTrue(out.contains("\"who\":\"user\""), out);
      assertTrue(out.contains("\"body\":{\"a\":1,\"text\":\"héllo\"}"), out);
      assertTrue(out.contains("\"query\":{\"q\":\"x y\"}"), out);
      assertTrue(out.contains("\"authorization\":\"Basic dXNlcjpwYXNz\""), out);
      assertEquals("info", job.logs.get(0).level());
      assertTrue(job.logs.get(0).json().matches("\\[\"GET " + server.base() + "/basic - 200 in \\d+ms\"]"), job.logs.get(0).json());
    }
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run(IMPORT + "export default [get('api/echo')];",
          state("{ baseUrl: '" + server.base() + "/', access_token: 'tok-123' }"));
      assertTrue(out.contains("\"authorization\":\"Bearer tok-123\""), out);
    }
  }

  @Test
  void combineComesFromTheNestedLanguageCommon331() throws Exception {
    // Expected values computed with the same packages under Node: 3.3.1's combine merges each
    // result into the previous state (an async operation contributes nothing); 3.3.4's chains them.
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run("import { combine as c1, fn as f1 } from 'adaptor:" + AdaptorHarness.HTTP + "';\n"
          + "import { combine as c4, fn as f4 } from 'adaptor:" + AdaptorHarness.COMMON + "';\n" + """
          export default [
            async s => ({
              a: await c1(f1(st => ({ x: 1 })), f1(async st => ({ y: 2 })), f1(st => ({ z: st.x })))(s),
              b: await c4(f4(st => ({ ...st, x: 1 })), f4(async st => ({ ...st, y: 2 })), f4(st => ({ ...st, z: st.x })))(s),
            }),
          ];""", "{ data: {}, n: 0 }");
      assertEquals("{\"a\":{\"data\":{},\"n\":0,\"x\":1,\"z\":1},\"b\":{\"data\":{},\"n\":0,\"x\":1,\"y\":2,\"z\":1}}", out);
    }
  }

  @Test
  void cheerioParsesMarkup() throws Exception {
    // Expected value computed with the same packages under Node.
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run("import { util } from 'adaptor:" + AdaptorHarness.HTTP + "';\n" + """
          export default [
            util.xmlParser('<table><tr><td>a &amp; b</td><td>ü</td></tr><tr><td>c</td><td>d</td></tr></table>',
              $ => JSON.stringify({ cells: $('td').map((i, e) => $(e).text()).get(), table: $('table').parsetable(false, false, true) })),
          ];""", "{ data: {}, references: [] }");
      assertEquals("{\"data\":{\"cells\":[\"a & b\",\"ü\",\"c\",\"d\"],\"table\":[[\"a & b\",\"c\"],[\"ü\",\"d\"]]},\"references\":[{}]}", out);
    }
  }

  @Test
  void errorStatusRejectsWithTheResponse() throws Exception {
    try (var job = new AdaptorHarness.Job()) {
      var e = assertThrows(AdaptorHarness.JsError.class, () -> job.run(IMPORT + "export default [get('" + server.base() + "/api/items/99')];", "{}"));
      assertEquals("GET to " + server.base() + "/api/items/99 returned 404: Not Found", e.getMessage());
      assertEquals(404, e.value.getMember("statusCode").asInt());
      assertEquals("not found", e.value.getMember("body").getMember("error").asString());
      assertEquals("error", job.logs.get(0).level());
    }
  }

  @Test
  void redirectsGzipTimeoutsAndRefusedConnections() throws Exception {
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run(IMPORT + "export default [get('" + server.base() + "/redirect/2'), fn(s => ({ redirected: s.data })),"
          + " get('" + server.base() + "/gzip'), fn(s => ({ redirected: s.redirected, gz: s.data, encoding: s.response.headers['content-encoding'] ?? 'none' }))];", "{}");
      assertEquals("{\"redirected\":{\"id\":1,\"name\":\"apple\",\"type\":\"fruit\"},\"gz\":{\"compressed\":true},\"encoding\":\"none\"}", out);
    }
    try (var job = new AdaptorHarness.Job()) {
      var e = assertThrows(AdaptorHarness.JsError.class, () -> job.run(IMPORT
          + "export default [get('" + server.base() + "/api/slow?ms=2000', { timeout: 200 })];", "{}"));
      assertEquals("UND_ERR_HEADERS_TIMEOUT", e.value.getMember("code").asString());
    }
    try (var job = new AdaptorHarness.Job()) {
      var e = assertThrows(AdaptorHarness.JsError.class, () -> job.run(IMPORT + "export default [get('http://127.0.0.1:9/x')];", "{}"));
      assertEquals("ECONNREFUSED", e.value.getMember("code").asString());
      assertTrue(e.getMessage().contains("ECONNREFUSED 127.0.0.1:9"), e.getMessage());
    }
  }
}
