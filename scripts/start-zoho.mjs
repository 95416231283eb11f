#!/usr/bin/env node
// `npm run start:zoho`: the whole Zoho path on one machine, offline. Starts the Zoho CRM v8
// simulator (test/zoho-sim) and the worker under `wrangler dev` (scripts/start.mjs), creates a
// tenant with an admin and a reader key in local KV (hashed, as `npm run keys` does), points the
// tenant's Zoho connector at the simulator (PUT /v1/connectors/zoho; local development allows
// simulator hosts through ALLOW_DEV_CRM_HOSTS), checks it (POST .../check), subscribes to change
// notifications (POST .../watch), computes the population statistics, and prints the keys,
// sample account ids and curl lines. For the browser extension: serves Zoho-like CRM pages of
// the simulator's accounts (test/extension/zoho-page-server.ts, at Zoho's URL shapes, both
// shells), builds the extension for Chrome (.output/chrome-mv3; a failed build is reported and
// the rest runs anyway) and prints how to load it and which pages to open.
//
// Environment: PORT (worker, default 8787), ZOHO_SIM_PORT (default 8788), ZOHO_PAGES_PORT (the
// CRM pages, default 8789), ZOHO_TENANT (default zoho-sim), ZOHO_SIM_ACCOUNTS (default 2400),
// ZOHO_SIM_SEED, TIERLENS_STATE_DIR (local KV, default .wrangler/state),
// TIERLENS_SKIP_EXTENSION_BUILD=1 (no extension build). The last line is `ZOHO_READY {json}`
// for scripts and tests.
import { startZohoPageServer } from '../test/extension/zoho-page-server.ts';
import { startZohoSim } from '../test/zoho-sim/index.ts';
import { buildExtension, loadSteps } from './extension-build.mjs';
import { checkTenant, seedLocalKeys, startWorker } from './lib/local-session.mjs';

const root = new URL('..', import.meta.url).pathname;
const env = process.env;
const port = Number(env.PORT ?? 8787);
const base = `http://127.0.0.1:${port}`;
const tenant = env.ZOHO_TENANT ?? 'zoho-sim';
const stateDir = env.TIERLENS_STATE_DIR ?? '.wrangler/state';

checkTenant(tenant, 'ZOHO_TENANT');

/** The simulator org's custom fields, mapped as an admin would (test/zoho-sim/schema.ts). */
const FIELDS = {
  csat: 'Customer_Satisfaction',
  csatDate: 'CSAT_Survey_Date',
  nps: 'NPS_Score',
  npsDate: 'NPS_Survey_Date',
  referrals: 'Referrals_Count',
  annualAgreement: 'Annual_Agreement',
  keyAccount: 'Key_Account',
  personality: 'Personality_Type',
  overdueAmount: 'Overdue_Amount',
  dealCategory: 'Type',
};

const log = (...a) => console.log(...a);

// ---------------------------------------------------------------- the simulator

const sim = await startZohoSim({
  port: Number(env.ZOHO_SIM_PORT ?? 8788),
  ...(env.ZOHO_SIM_SEED ? { seed: Number(env.ZOHO_SIM_SEED) } : {}),
  ...(env.ZOHO_SIM_ACCOUNTS ? { accounts: Number(env.ZOHO_SIM_ACCOUNTS) } : {}),
});
log(`Zoho simulator on ${sim.baseUrl} (accounts server ${sim.accountsUrl}, api_domain ${sim.url})`);

// Zoho-like pages of the simulator's accounts, read live from its store, for the extension.
const pages = await startZohoPageServer({
  port: Number(env.ZOHO_PAGES_PORT ?? 8789),
  source: {
    account: (id) => sim.control.getRecord('Accounts', id),
    accounts: () => sim.state.store.all('Accounts'),
    deals: () => sim.state.store.all('Deals'),
  },
  featured: sim.featured,
}).catch(async (e) => {
  await sim.close();
  throw new Error(`the Zoho pages could not listen (ZOHO_PAGES_PORT picks another port): ${e.message}`);
});
log(`Zoho CRM pages on ${pages.origin}`);

// The extension builds while the worker starts.
const building = buildExtension({ root, workerUrl: base });

// ---------------------------------------------------------------- keys, then the worker

const { admin, reader } = seedLocalKeys({ root, tenant, stateDir, label: 'start:zoho', env });
const session = startWorker({
  root,
  port,
  stateDir,
  env,
  workerArgs: [],
  close: async () => {
    await pages.close();
    await sim.close();
  },
});
const waitForWorker = session.ready;
const stop = session.stop;
const call = (method, path, body) => session.call(admin.key, method, path, body);

try {
  await waitForWorker();
  const c = sim.credentials;
  await call('GET', '/v1/rules');
  await call('PUT', '/v1/connectors/zoho', {
    settings: { dc: c.dc, accountsUrl: c.accountsUrl, fields: FIELDS },
    secrets: { clientId: c.clientId, clientSecret: c.clientSecret, refreshToken: c.refreshToken },
  });
  const check = await call('POST', '/v1/connectors/zoho/check');
  if (!check.ok) throw new Error(`the connector check failed: ${check.problem?.message}`);
  const channel = await call('POST', '/v1/connectors/zoho/watch');
  log(`Computing population statistics over the simulator's accounts ...`);
  const started = Date.now();
  const stats = await call('POST', '/v1/stats/recompute');
  const featured = Object.entries(sim.featured);
  const name = (id) => String(sim.control.getRecord('Accounts', id)?.Account_Name ?? '');
  const vip = sim.featured.vip;
  const deal = sim.state.store.all('Deals').find((d) => d.Account_Name?.id === vip && !String(d.Stage).startsWith('Closed'));
  const build = await building;
  if (build.status === 'failed') console.error(`\nThe extension build (wxt build) failed; the rest runs anyway:\n${build.detail}\n`);
  const { urls } = pages;
  const pageList = {
    list: urls.list.classic,
    listEveryone: urls.list.everyone,
    accounts: Object.fromEntries(featured.map(([tier, id]) => [tier, urls.account(id)])),
    deal: deal ? urls.deal(deal.id) : null,
  };
  const shown = ['vip', 'strategic', 'dormant', 'prospect'].filter((t) => sim.featured[t]);
  log(`
TierLens with the Zoho CRM simulator (tenant "${tenant}", ${stats.stats?.count ?? '?'} accounts, statistics in ${((Date.now() - started) / 1000).toFixed(1)} s)

  Worker       ${base}   (docs ${base}/docs)
  Simulator    ${sim.baseUrl}/__sim/state   (org ${check.details?.org?.name}, ${check.details?.dataCentre})
  Channel      ${channel.channelId} until ${channel.expiresAt} -> ${channel.notifyUrl}

  Admin key    ${admin.key}
  Reader key   ${reader.key}
  (local KV in ${stateDir}; new keys on every start; the extension's options take the worker URL and the reader key)

Sample accounts (crm "zoho"):
${featured.map(([tier, id]) => `  ${tier.padEnd(10)} ${id}  ${name(id)}`).join('\n')}

Try the extension on Zoho-like pages of these accounts (Chrome or Edge):
${loadSteps(build)}
  3. Under Connection: worker URL ${base}${base === 'http://127.0.0.1:8787' ? ' (the default)' : ''}, API key: the reader key above. Save.
  4. Under CRM sites: site address ${pages.origin}, CRM "Zoho CRM", click "Add site"
     (granted at once: the extension may already reach 127.0.0.1).
  5. Open (reload any tab that was open before step 4):
       Accounts list        ${pageList.list}
       CRM for Everyone     ${pageList.listEveryone}
${shown.map((t) => `       ${`${t} account`.padEnd(20)} ${urls.account(sim.featured[t])}   ${name(sim.featured[t])}`).join('\n')}
${deal ? `       ${'a deal'.padEnd(20)} ${urls.deal(deal.id)}\n` : ''}       every page           ${urls.index}
     A tier badge sits next to each account name; hover or click it for the reasons and tips.

Try:
  # one account, classified (4 Zoho calls cold, none warm)
  curl -s ${base}/v1/accounts/zoho/${vip} -H 'Authorization: Bearer ${reader.key}'

  # a list view: many ids, one batched fetch (6 Zoho calls cold for up to 100 accounts)
  curl -s -X POST ${base}/v1/accounts/zoho/lookup -H 'Authorization: Bearer ${reader.key}' -H 'Content-Type: application/json' \\
    -d '{"ids":${JSON.stringify(featured.map(([, id]) => id))}}'

  # change a deal in the simulator: Zoho notifies the worker, which invalidates the account
  curl -s -X POST ${sim.baseUrl}/__sim/mutate -H 'Content-Type: application/json' \\
    -d '{"op":"update","module":"Deals","id":"${deal?.id ?? ''}","values":{"Stage":"Closed Won"}}'

  # Zoho calls and credits spent so far
  curl -s ${sim.baseUrl}/__sim/state

  # the connector's own check (token, org, field names)
  curl -s -X POST ${base}/v1/connectors/zoho/check -H 'Authorization: Bearer ${admin.key}'

Ctrl+C stops them all.
ZOHO_READY ${JSON.stringify({ base, tenant, adminKey: admin.key, readerKey: reader.key, sim: sim.baseUrl, featured: sim.featured, special: sim.special, channel, openDeal: deal ? { id: deal.id, account: vip, amount: deal.Amount } : null, pages: { origin: pages.origin, ...pageList }, extension: { status: build.status, dir: build.dir } })}
`);
} catch (e) {
  console.error(String(e instanceof Error ? e.message : e));
  await stop(1);
}
