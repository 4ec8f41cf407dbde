// Load generator for the end-to-end benchmark (its own process). Two modes:
//   node e2e.mjs latency HOOK API TOKEN K       K webhooks one at a time, each followed to a final state
//   node e2e.mjs burst   HOOK API TOKEN M       M webhooks at once; runs/s until all are final
// A work order is final when its state is none of pending/running (Lightning's states).
import http from 'node:http';

const [mode, hook, api, token, nArg] = process.argv.slice(2);
const N = Number(nArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const OPEN = new Set(['pending', 'running', 'available', 'claimed', 'started']);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (s, q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
const auth = { authorization: `Bearer ${token}` };

function post(seq) {
  return new Promise((resolve, reject) => {
    const req = http.request(hook, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      let t = '';
      res.on('data', (d) => (t += d));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(t).work_order_id) : reject(new Error(`webhook answered ${res.statusCode}: ${t}`))));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ seq }));
  });
}

async function stateOf(id) {
  const r = await fetch(`${api}/api/work_orders/${id}`, { headers: auth }).then((x) => x.json());
  return r.data?.state;
}

async function allStates() {
  const out = new Map();
  let cursor = null;
  do {
    const u = new URL(`${api}/api/work_orders`);
    u.searchParams.set('limit', '500');
    if (cursor) u.searchParams.set('cursor', cursor);
    const page = await fetch(u, { headers: auth }).then((x) => x.json());
    for (const wo of page.data ?? []) out.set(wo.id, wo.state);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

const limitMs = 600_000;
if (mode === 'latency') {
  const lat = [];
  const states = {};
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const id = await post(i);
    let s;
    while (OPEN.has((s = await stateOf(id))) || s === undefined) {
      if (performance.now() - t0 > limitMs) throw new Error(`work order ${id} still ${s} after ${limitMs} ms`);
      await sleep(10);
    }
    states[s] = (states[s] ?? 0) + 1;
    if (i > 0) lat.push(performance.now() - t0); // the first run pays for adaptor install and JIT
  }
  lat.sort((a, b) => a - b);
  console.log(`latency webhook -> run final, ${lat.length} runs one at a time (after 1 warm-up): p50 ${pct(lat, 0.5).toFixed(0)} ms, p99 ${pct(lat, 0.99).toFixed(0)} ms; final states ${JSON.stringify(states)}`);
} else {
  const t0 = performance.now();
  const ids = await Promise.all(Array.from({ length: N }, (_, i) => post(i)));
  const mine = new Set(ids);
  let done = 0;
  let states;
  while (done < N) {
    if (performance.now() - t0 > limitMs) break;
    await sleep(250);
    states = await allStates();
    done = [...mine].filter((id) => states.has(id) && !OPEN.has(states.get(id))).length;
  }
  const s = (performance.now() - t0) / 1000;
  const tally = {};
  for (const id of mine) tally[states.get(id)] = (tally[states.get(id)] ?? 0) + 1;
  console.log(`burst of ${N}: ${done} final in ${s.toFixed(1)} s = ${(done / s).toFixed(2)} runs/s; states ${JSON.stringify(tally)}`);
}
agent.destroy();
