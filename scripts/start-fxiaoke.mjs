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
import { simConnectorSecrets, simConnectorSettings, startFxiaokeSim } from '../test/fxiaoke-sim/index.ts';
import { checkTenant, seedLocalKeys, startWorker } from './lib/local-session.mjs';

const root = new URL('..', import.meta.url).pathname;
const env = process.env;
const port = Number(env.PORT ?? 8787);
const base = `http://127.0.0.1:${port}`;
const tenant = env.FXIAOKE_TENANT ?? 'fxiaoke-sim';
const stateDir = env.TIERLENS_STATE_DIR ?? '.wrangler/state';
/** The 10-minute trigger of wrangler.toml (POLL_CRON in worker/poll.ts). */
const POLL_CRON = '*/10 * * * *';

checkTenant(tenant, 'FXIAOKE_TENANT');

const log = (...a) => console.log(...a);

// ---------------------------------------------------------------- the simulator

const sim = await startFxiaokeSim({
  port: Number(env.FXIAOKE_SIM_PORT ?? 8790),
  ...(env.FXIAOKE_SIM_SEED ? { seed: Number(env.FXIAOKE_SIM_SEED) } : {}),
  ...(env.FXIAOKE_SIM_ACCOUNTS ? { accounts: Number(env.FXIAOKE_SIM_ACCOUNTS) } : {}),
});
log(`Fxiaoke simulator on ${sim.url} (control ${sim.url}/__sim/state)`);

// ---------------------------------------------------------------- keys, then the worker

const { admin, reader } = seedLocalKeys({ root, tenant, stateDir, label: 'start:fxiaoke', env });
const session = startWorker({
  root,
  port,
  stateDir,
  env,
  workerArgs: ['--test-scheduled'],
  close: async () => {
    await sim.close();
  },
});
const waitForWorker = session.ready;
const stop = session.stop;
const call = (method, path, body) => session.call(admin.key, method, path, body);

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
