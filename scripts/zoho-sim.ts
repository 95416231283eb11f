#!/usr/bin/env node
// `npm run zoho:sim`: start the Zoho CRM v8 simulator on PORT (default 8788) and print how to use it.
// Options by environment: PORT, ZOHO_SIM_SEED, ZOHO_SIM_ACCOUNTS, ZOHO_SIM_DC, ZOHO_SIM_EDITION, ZOHO_SIM_NOW (ISO date).
import { type DataCentre, DC_IDS, EDITIONS, type Edition, startZohoSim } from '../test/zoho-sim/index.ts';

const env = process.env;
const dc = (env.ZOHO_SIM_DC ?? 'com') as DataCentre;
if (!DC_IDS.includes(dc)) throw new Error(`ZOHO_SIM_DC must be one of ${DC_IDS.join(', ')}`);
const edition = (env.ZOHO_SIM_EDITION ?? 'enterprise') as Edition;
if (!Object.hasOwn(EDITIONS, edition)) throw new Error(`ZOHO_SIM_EDITION must be one of ${Object.keys(EDITIONS).join(', ')}`);

const sim = await startZohoSim({
  port: Number(env.PORT ?? 8788),
  dc,
  edition,
  ...(env.ZOHO_SIM_SEED ? { seed: Number(env.ZOHO_SIM_SEED) } : {}),
  ...(env.ZOHO_SIM_ACCOUNTS ? { accounts: Number(env.ZOHO_SIM_ACCOUNTS) } : {}),
  ...(env.ZOHO_SIM_NOW ? { now: Date.parse(env.ZOHO_SIM_NOW) } : {}),
});
const c = sim.credentials;
const lines = [
  'Zoho CRM v8 simulator',
  `  data centre     ${c.dc}`,
  `  accounts server ${c.accountsUrl}   (token: POST ${c.tokenUrl})`,
  `  api_domain      ${c.apiDomain}   (API: ${c.apiDomain}/crm/v8/...)`,
  `  control         ${sim.baseUrl}/__sim/state`,
  '',
  `  client_id       ${c.clientId}`,
  `  client_secret   ${c.clientSecret}`,
  `  refresh_token   ${c.refreshToken}`,
  '',
  'Sample accounts:',
  ...Object.entries(sim.featured).map(
    ([tier, id]) => `  ${tier.padEnd(10)} ${id}  ${String(sim.control.getRecord('Accounts', id)?.Account_Name ?? '')}`,
  ),
  '',
  'Try:',
  `  curl -s -X POST '${c.tokenUrl}' -d grant_type=refresh_token -d client_id=${c.clientId} -d client_secret=${c.clientSecret} -d refresh_token=${c.refreshToken}`,
  `  curl -s '${c.apiDomain}/crm/v8/Accounts/${sim.featured.vip}' -H 'Authorization: Zoho-oauthtoken <access_token>'`,
];
console.log(lines.join('\n'));

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
