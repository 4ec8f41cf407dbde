// Drives OpenFn's own @openfn/runtime (the engine inside OpenFn's worker) over the workflows in
// workflows.json: W warm-up runs, then N timed runs one after another, in this one Node process.
// Usage: node --experimental-vm-modules openfn-bench.mjs workflows.json URL N W
// Prints one "RESULT {json}" line per workflow.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import run from '@openfn/runtime';
import createLogger from '@openfn/logger';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [file, url, nArg, wArg] = process.argv.slice(2);
const N = Number(nArg);
const W = Number(wArg);
const spec = JSON.parse(readFileSync(file, 'utf8'));

const bare = (s) => s.replace(/^(@?[^@]+)@.*$/, '$1');
const modules = {};
for (const name of ['@openfn/language-common', '@openfn/language-http']) {
  const dir = path.join(HERE, 'node_modules', name);
  if (!existsSync(dir)) throw new Error(`${name} is not installed in ${HERE}/node_modules (run npm ci there)`);
  modules[name] = { path: dir };
}
// Logs are discarded on both sides; the runtime still formats them.
const quiet = createLogger('R/T', { level: 'none' });
const jobQuiet = createLogger('JOB', { level: 'none' });

const planOf = (wf) => ({
  id: wf.name,
  workflow: {
    steps: wf.steps.map((s) => ({
      id: s.id,
      adaptors: [s.adaptor],
      expression: s.compiled.replaceAll('__URL__', url),
      ...(s.next ? { next: s.next } : {}),
    })),
  },
  options: {},
});

const at = (obj, p) => p.reduce((o, k) => (o == null ? o : o[k]), obj);
const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

for (const wf of spec.workflows) {
  const plan = planOf(wf);
  const once = async () => {
    const input = JSON.parse(JSON.stringify(wf.input));
    return run(JSON.parse(JSON.stringify(plan)), input, { logger: quiet, jobLogger: jobQuiet, linker: { modules } });
  };
  const first = await once();
  if (wf.expect && at(first, wf.expect.path) !== wf.expect.value) {
    throw new Error(`${wf.name}: expected ${wf.expect.path.join('.')} = ${wf.expect.value}, got ${JSON.stringify(at(first, wf.expect.path))}`);
  }
  for (let i = 1; i < W; i++) await once();
  const lat = [];
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const s = process.hrtime.bigint();
    await once();
    lat.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort((a, b) => a - b);
  const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
  console.log('RESULT ' + JSON.stringify({
    impl: 'openfn @openfn/runtime 1.9.5 (Node ' + process.version + ')',
    workflow: wf.name, steps: wf.steps.length, runs: N,
    runsPerSec: N / wall, meanMs: mean, perStepMs: mean / wf.steps.length,
    p50Ms: pct(lat, 0.5), p99Ms: pct(lat, 0.99),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }));
}
