// Load generator for the webhook benchmark, in its own process (never the JVM under test).
//   node ingest.mjs WEBHOOK_URL API_BASE TOKEN RAMP_RATES SECONDS FIXED_RATE FIXED_SECONDS
// Open loop: request i of a stage is due at t0 + i/rate and its latency counts from that due
// time, so a server that falls behind cannot hide it (no coordinated omission). Stages ramp up;
// the accepted rate at p99 < 25 ms is the highest stage that kept up with its rate with every
// request acknowledged. Then a fixed-rate stage gives p50/p99, and every acknowledged
// work_order_id is looked up through the API: the last lines say how many are missing.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [hook, api, token, rampArg, secArg, fixedArg, fixedSecArg, serverPid] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const acked = new Set();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (s, q) => (s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN);
let seq = 0;

function post(body) {
  return new Promise((resolve) => {
    const req = http.request(hook, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', (e) => resolve({ status: 0, text: String(e) }));
    req.end(JSON.stringify(body));
  });
}

async function stage(rate, seconds) {
  const total = Math.round(rate * seconds);
  const lat = [];
  let ok = 0, failed = 0;
  const pending = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(post({ seq: seq++, at: Date.now() }).then((r) => {
      const id = r.status === 200 ? JSON.parse(r.text).work_order_id : null;
      if (id) { ok++; acked.add(id); lat.push(performance.now() - due); } else failed++;
    }));
  }
  await Promise.all(pending);
  const wall = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { rate, sent: total, ok, failed, achieved: ok / wall, p50: pct(lat, 0.5), p99: pct(lat, 0.99) };
}

const show = (s) => `rate ${s.rate}/s: sent ${s.sent}, acknowledged ${s.ok}, failed ${s.failed}, achieved ${s.achieved.toFixed(1)}/s, p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms`;

await stage(50, 4); // warm-up (JIT, connection pool)
// A stage keeps up when every request is acknowledged at >= 95% of the offered rate; the ramp
// stops at the first stage that does not. best25 also needs p99 < 25 ms.
let best25 = 0, bestKept = 0;
for (const rate of rampArg.split(',').map(Number)) {
  const s = await stage(rate, Number(secArg));
  const kept = s.failed === 0 && s.achieved >= 0.95 * rate;
  console.log(`ramp  ${show(s)}${kept ? (s.p99 < 25 ? '' : '   <- p99 over 25 ms') : '   <- did not keep up'}`);
  if (!kept) break;
  bestKept = Math.max(bestKept, s.achieved);
  if (s.p99 < 25) best25 = Math.max(best25, s.achieved);
}
const fixed = await stage(Number(fixedArg), Number(fixedSecArg));
console.log(`fixed ${show(fixed)}`);

// Every acknowledged work order must be there.
const found = new Set();
let cursor = null;
do {
  const u = new URL(`${api}/api/work_orders`);
  u.searchParams.set('limit', '500');
  if (cursor) u.searchParams.set('cursor', cursor);
  const page = await fetch(u, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
  if (!page.data) throw new Error(`work order listing failed: ${JSON.stringify(page).slice(0, 300)}`);
  for (const wo of page.data) found.add(wo.id);
  cursor = page.next_cursor;
} while (cursor);
const missing = [...acked].filter((id) => !found.has(id));
console.log(`check: ${acked.size} acknowledged, ${found.size} work orders listed by the API, ${missing.length} acknowledged but missing${missing.length ? ' e.g. ' + missing.slice(0, 3).join(', ') : ''}`);
if (serverPid) {
  const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${serverPid}/status`, 'utf8'));
  console.log(`server JVM peak RSS: ${hwm ? Math.round(hwm[1] / 1024) + ' MB' : 'n/a'} (embedded PostgreSQL runs in its own processes)`);
}
console.log(`fixed ${fixed.rate}/s: p50 ${fixed.p50.toFixed(1)} ms, p99 ${fixed.p99.toFixed(1)} ms`);
console.log(`accepted req/s at p99 < 25 ms: ${best25 ? best25.toFixed(0) : 'none (no stage met it)'}; highest rate kept up with: ${bestKept ? bestKept.toFixed(0) : 'none'} req/s; acknowledged but missing: ${missing.length}`);
agent.destroy();
