// Reads RESULT lines on stdin and prints the side-by-side table; last line: ours/theirs.
import { readFileSync } from 'node:fs';

const rows = readFileSync(0, 'utf8').split('\n').filter((l) => l.startsWith('RESULT '))
  .map((l) => JSON.parse(l.slice(7)));
const f = (x, d = 2) => x.toFixed(d);
console.log('| workflow | engine | runs/s | per-step ms | p50 ms | p99 ms | peak RSS MB |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.workflow} | ${r.impl} | ${f(r.runsPerSec, 1)} | ${f(r.perStepMs)} | ${f(r.p50Ms)} | ${f(r.p99Ms)} | ${f(r.peakRssMb, 0)} |`);
}
const ours = rows.filter((r) => r.impl.startsWith('ours'));
const theirs = rows.filter((r) => !r.impl.startsWith('ours'));
const ratios = [];
for (const o of ours) {
  const t = theirs.find((x) => x.workflow === o.workflow);
  if (!t) continue;
  const q = o.runsPerSec / t.runsPerSec;
  ratios.push(q);
  console.log(`${o.workflow}: ours/theirs runs/s = ${f(q)} (${q >= 1 ? 'ours faster' : 'OpenFn faster'}); p99 ours ${f(o.p99Ms)} ms vs ${f(t.p99Ms)} ms`);
}
if (!ratios.length) { console.log('ratio ours/theirs: n/a (a side produced no result)'); process.exit(0); }
const geo = Math.exp(ratios.reduce((a, q) => a + Math.log(q), 0) / ratios.length);
console.log(`ratio ours/theirs (runs/s, geometric mean of ${ratios.length} workflows): ${f(geo)}`);
