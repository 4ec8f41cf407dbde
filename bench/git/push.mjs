// Load side of the git benchmark (its own process): K times, change the job body, commit and
// push to the bare repository, send a signed push webhook (GitHub's X-Hub-Signature-256), and
// wait until `lightning up` logs that exact commit as applied. Latency = from the end of
// `git push` (when a git host would send its webhook) to the applied line.
//   node push.mjs CLONE_DIR HOOK_URL SECRET UP_LOG K
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [clone, hook, secret, upLog, kArg] = process.argv.slice(2);
const K = Number(kArg);
const git = (...a) => execFileSync('git', ['-C', clone, ...a], { encoding: 'utf8' }).trim();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (s, q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
const yaml = path.join(clone, 'project.yaml');

const lat = [];
const pushMs = [];
for (let i = 1; i <= K + 1; i++) {
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/seq: \d+/, `seq: ${i}`));
  git('commit', '-qam', `change ${i}`);
  const sha = git('rev-parse', 'HEAD');
  const p0 = performance.now();
  git('push', '-q', 'origin', 'HEAD');
  const t0 = performance.now();
  pushMs.push(t0 - p0);
  const body = JSON.stringify({ ref: 'refs/heads/main', after: sha });
  const res = await fetch(hook, {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', 'X-GitHub-Event': 'push', 'X-GitHub-Delivery': `bench-${process.pid}-${i}`,
      'X-Hub-Signature-256': 'sha256=' + createHmac('sha256', secret).update(body).digest('hex') },
  });
  if (res.status !== 202) throw new Error(`push webhook answered ${res.status}: ${await res.text()}`);
  while (!readFileSync(upLog, 'utf8').includes(`applied commit ${sha}`)) {
    if (performance.now() - t0 > 120_000) throw new Error(`commit ${sha} not applied within 120 s`);
    await sleep(5);
  }
  if (i > 1) lat.push(performance.now() - t0); // the first push is a warm-up (JIT, JGit)
}
lat.sort((a, b) => a - b);
pushMs.sort((a, b) => a - b);
console.log(`git push itself (file:// bare repo): p50 ${pct(pushMs, 0.5).toFixed(0)} ms`);
console.log(`push webhook -> commit live, ${K} pushes after 1 warm-up: p50 ${pct(lat, 0.5).toFixed(0)} ms, p99 ${pct(lat, 0.99).toFixed(0)} ms, max ${lat[lat.length - 1].toFixed(0)} ms`);
