package io.lightningop.runtime.adaptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LanguageCommonIT {
  private static final String IMPORT = "import { fn, each, dataValue, parseCsv, cursor, dateFns, alterState, combine, beta, assert, field, fields, arrayToString, toArray, humanProper, splitKeys, scrubEmojis } from 'adaptor:" + AdaptorHarness.COMMON + "';\n";

  @Test
  void fnAndEachWithJsonPath() throws Exception {
    try (var job = new AdaptorHarness.Job()) {
      String out = job.run(IMPORT + """
          export default [
            fn(s => ({ ...s, data: { items: [{ n: 1 }, { n: 2 }, { n: 3 }] }, seen: [] })),
            alterState(s => ({ ...s, picked: dataValue('items[1].n')(s) })),
            each('$.data.items[*]', fn(s => { s.seen.push(s.data.n * 10 + s.index); return s; })),
          ];""", "{ data: {} }");
      assertEquals("[10,21,32]", job.context.eval("js", "(o) => JSON.stringify(JSON.parse(o).seen)").execute(out).asString());
      assertTrue(out.contains("\"picked\":2"), out);
    }
  }
}
