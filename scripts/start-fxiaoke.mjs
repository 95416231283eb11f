#!/usr/bin/env node
// `npm run start:fxiaoke`: the whole 纷享销客 (Fxiaoke) path on one machine, offline. Starts the
// Fxiaoke open API simulator (test/fxiaoke-sim) and the worker under `wrangler dev`
// (scripts/start.mjs, with --test-scheduled so the change-poll cron can be triggered over HTTP),
// creates a tenant with an admin and a reader key in local KV (hashed, as `npm run keys` does),
// points the tenant's Fxiaoke connector at the simulator (PUT /v1/connectors/fxiaoke; local
// development allows simulator hosts through ALLOW_DEV_CRM_HOSTS), checks it (POST .../check),
// starts the change poll's watermark, starts the population statistics, and prints the keys,
// sample customer ids and curl lines.
//
// Environment: PORT (worker, default 8787), FXIAOKE_SIM_PORT (default 8790), FXIAOKE_TENANT
// (default fxiaoke-sim), FXIAOKE_SIM_ACCOUNTS (default 2200), FXIAOKE_SIM_SEED,
// TIERLENS_STATE_DIR (local KV, default .wrangler/state). The last line is
// `FXIAOKE_READY {json}` for scripts and tests.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simConnectorSecrets, simConnectorSettings, startFxiaokeSim } from '../test/fxiaoke-sim/index.ts';

const root = new URL('..', import.meta.url).pathname;
const env = process.env;
const port = Number(env.PORT ?? 8787);
const base = `http://127.0.0.1:${port}`;
const tenant = env.FXIAOKE_TENANT ?? 'fxiaoke-sim';
const stateDir = env.TIERLENS_STATE_DIR ?? '.wrangler/state';
const quietEnv = { ...env, CI: 'true', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1' };
/** The 10-minute trigger of wrangler.toml (POLL_CRON in worker/poll.ts). */
const POLL_CRON = '*/10 * * * *';

if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(tenant)) throw new Error('FXIAOKE_TENANT: lowercase letters, digits, - or _');

const log = (...a) => console.log(...a);

// ---------------------------------------------------------------- the simulator

const sim = await startFxiaokeSim({
  port: Number(env.FXIAOKE_SIM_PORT ?? 8790),
  ...(env.FXIAOKE_SIM_SEED ? { seed: Number(env.FXIAOKE_SIM_SEED) } : {}),
  ...(env.FXIAOKE_SIM_ACCOUNTS ? { accounts: Number(env.FXIAOKE_SIM_ACCOUNTS) } : {}),
});
log(`Fxiaoke simulator on ${sim.url} (control ${sim.url}/__sim/state)`);

// ---------------------------------------------------------------- keys, in local KV before the worker starts

function newKey(role) {
  const key = `tl_${randomBytes(32).toString('base64url')}`;
  const hash = createHash('sha256').update(key).digest('hex');
  const record = {
    id: `key_${hash.slice(0, 16)}`,
    tenant,
    role,
    name: `start:fxiaoke ${role}`,
    createdAt: new Date().toISOString(),
    prefix: key.slice(0, 9),
  };
  return {
    key,
    entries: [
      { key: `auth:${hash}`, value: JSON.stringify(record), metadata: record },
      { key: `t:${tenant}:key:${record.id}`, value: JSON.stringify({ ...record, hash }), metadata: record },
    ],
  };
}

const admin = newKey('admin');
const reader = newKey('reader');
const tmp = mkdtempSync(join(tmpdir(), 'tierlens-fxiaoke-keys-'));
try {
  const file = join(tmp, 'keys.json');
  writeFileSync(file, JSON.stringify([...admin.entries, ...reader.entries]), { mode: 0o600 });
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/wrangler/bin/wrangler.js'),
      'kv',
      'bulk',
      'put',
      file,
      '--binding',
      'TL_KV',
      '--local',
      '--persist-to',
      stateDir,
    ],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: quietEnv },
  );
  if (r.status !== 0) throw new Error(`wrangler kv bulk put failed:\n${r.stderr || r.stdout}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// ---------------------------------------------------------------- the worker

const worker = spawn(process.execPath, [join(root, 'scripts/start.mjs'), '--quiet', '--', '--test-scheduled'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...env, PORT: String(port), TIERLENS_STATE_DIR: stateDir },
});
let workerOut = '';
worker.stdout.on('data', (d) => (workerOut += d));

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  if (worker.exitCode === null) {
    const exited = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  await sim.close();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
worker.on('exit', (code) => {
  if (!stopping) {
    console.error(`the worker exited (${code}):\n${workerOut.slice(-3000)}`);
    void stop(1);
  }
});

async function waitForWorker() {
  for (let i = 0; i < 1200; i++) {
    if (workerOut.includes(`READY ${base}`)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the worker did not get ready on ${base} within 120 s:\n${workerOut.slice(-3000)}`);
}

async function call(method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${admin.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Runs the change-poll cron once, and waits for it (wrangler dev's trigger endpoint, --test-scheduled). */
async function poll(time = Date.now()) {
  const res = await fetch(`${base}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(POLL_CRON)}&time=${time}`);
  if (!res.ok) throw new Error(`the scheduled trigger answered ${res.status}: ${await res.text()}`);
}

try {
  await waitForWorker();
  const c = sim.credentials;
  await call('GET', '/v1/rules');
  await call('PUT', '/v1/connectors/fxiaoke', { settings: simConnectorSettings(c), secrets: simConnectorSecrets(c) });
  const check = await call('POST', '/v1/connectors/fxiaoke/check');
  if (!check.ok) throw new Error(`the connector check failed: ${check.problem?.message}`);
  // The first poll only sets the watermark; later polls report changes made after it.
  await poll();
  // Statistics read every customer (1 AccountObj query + 6 related queries per 100): under the
  // gateway's 60 calls / 20 s that takes about a minute for 2,200 customers, so it runs on.
  const started = Date.now();
  const stats = call('POST', '/v1/stats/recompute').then(
    (s) => log(`Population statistics ready: ${s.stats?.count ?? '?'} customers in ${((Date.now() - started) / 1000).toFixed(0)} s`),
    (e) => log(`Population statistics failed: ${e instanceof Error ? e.message : e}`),
  );
  if (sim.state.store.count('AccountObj') <= 500) await stats;
  const featured = Object.entries(sim.featured);
  const name = (id) => String(sim.control.getRecord('AccountObj', id)?.name ?? '');
  const vip = sim.featured.vip;
  const order = sim.state.store.all('SalesOrderObj').find((o) => o.account_id === sim.featured.dormant);
  log(`
TierLens with the 纷享销客 (Fxiaoke) simulator (tenant "${tenant}", ${sim.state.store.count('AccountObj')} customers)

  Worker       ${base}   (docs ${base}/docs)
  Simulator    ${sim.url}/__sim/state   (enterprise ${check.details?.ea}, operator ${check.details?.operatorUserId})

  Admin key    ${admin.key}
  Reader key   ${reader.key}
  (local KV in ${stateDir}; new keys on every start; the extension's options take the worker URL and the reader key)

Sample customers (crm "fxiaoke"):
${featured.map(([tier, id]) => `  ${tier.padEnd(10)} ${id}  ${name(id)}`).join('\n')}

Try:
  # one customer, classified (6 Fxiaoke calls cold: AccountObj + orders, opportunities, follow-ups, surveys, referrals; none warm)
  curl -s ${base}/v1/accounts/fxiaoke/${vip} -H 'Authorization: Bearer ${reader.key}'

  # a list view: many ids, one batched fetch (the same 6 calls for up to 100 customers)
  curl -s -X POST ${base}/v1/accounts/fxiaoke/lookup -H 'Authorization: Bearer ${reader.key}' -H 'Content-Type: application/json' \\
    -d '{"ids":${JSON.stringify(featured.map(([, id]) => id))}}'

  # change an order in the simulator, then run the change poll (cron ${POLL_CRON}) as if 3 minutes later
  # (the poll reads changes at least 2 minutes old); it invalidates the customer, the next request refetches
  curl -s -X POST ${sim.url}/__sim/mutate -H 'Content-Type: application/json' \\
    -d '{"op":"update","object":"SalesOrderObj","id":"${order?._id ?? ''}","values":{"order_amount":2000000}}'
  curl -s "${base}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(POLL_CRON)}&time=$(( ($(date +%s) + 180) * 1000 ))"

  # Fxiaoke calls, rate windows and token calls so far
  curl -s ${sim.url}/__sim/state

  # the connector's own check (token, object/describe, one customer)
  curl -s -X POST ${base}/v1/connectors/fxiaoke/check -H 'Authorization: Bearer ${admin.key}'

Ctrl+C stops both.
FXIAOKE_READY ${JSON.stringify({ base, tenant, adminKey: admin.key, readerKey: reader.key, sim: sim.url, featured: sim.featured, special: sim.special, pollCron: POLL_CRON })}
`);
} catch (e) {
  console.error(String(e instanceof Error ? e.message : e));
  await stop(1);
}
