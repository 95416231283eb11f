#!/usr/bin/env node
// `npm run fxiaoke:sim`: start the 纷享销客 (Fxiaoke) open API simulator on PORT (default 8790) and print how to use it.
// Options by environment: PORT, FXIAOKE_SIM_SEED, FXIAOKE_SIM_ACCOUNTS, FXIAOKE_SIM_NOW (ISO date), FXIAOKE_SIM_RATE_LIMIT (calls per 20 s).
import { startFxiaokeSim } from '../test/fxiaoke-sim/index.ts';

const env = process.env;
const sim = await startFxiaokeSim({
  port: Number(env.PORT ?? 8790),
  ...(env.FXIAOKE_SIM_SEED ? { seed: Number(env.FXIAOKE_SIM_SEED) } : {}),
  ...(env.FXIAOKE_SIM_ACCOUNTS ? { accounts: Number(env.FXIAOKE_SIM_ACCOUNTS) } : {}),
  ...(env.FXIAOKE_SIM_NOW ? { now: Date.parse(env.FXIAOKE_SIM_NOW) } : {}),
  ...(env.FXIAOKE_SIM_RATE_LIMIT ? { rateLimit: { limit: Number(env.FXIAOKE_SIM_RATE_LIMIT) } } : {}),
});
const c = sim.credentials;
const name = (id: string) => String(sim.control.getRecord('AccountObj', id)?.name ?? '');
const token = `curl -s -X POST "${sim.url}/oauth2.0/token?thirdTraceId=$(uuidgen)" -H 'Content-Type: application/json' -d '{"appId":"${c.appId}","appSecret":"${c.appSecret}","permanentCode":"${c.permanentCode}","grantType":"app_secret"}'`;
const query = `curl -s -X POST "${sim.url}/cgi/crm/v2/data/query?thirdTraceId=$(uuidgen)" -H 'Content-Type: application/json' -H 'authorization: Bearer <accessToken>' -H 'x-fs-ea: ${c.ea}' -H 'x-fs-userid: ${c.adminUserId}' -d '{"data":{"dataObjectApiName":"AccountObj","search_query_info":{"limit":5,"offset":0,"filters":[{"field_name":"_id","operator":"IN","field_values":["${sim.featured.vip}"]}],"orders":[{"fieldName":"_id","isAsc":true}]}}}'`;
console.log(
  [
    '纷享销客 (Fxiaoke) open API simulator',
    `  gateway         ${sim.url}   (token: POST /oauth2.0/token, old: POST /cgi/corpAccessToken/get/V2)`,
    `  control         ${sim.url}/__sim/state`,
    '',
    `  appId           ${c.appId}`,
    `  appSecret       ${c.appSecret}`,
    `  permanentCode   ${c.permanentCode}`,
    `  ea / corpId     ${c.ea} / ${c.corpId}`,
    `  operator        ${c.adminUserId} (new auth) / ${c.adminOpenUserId} (old auth): the CRM administrator`,
    '',
    'Sample customers (AccountObj):',
    ...Object.entries(sim.featured).map(([tier, id]) => `  ${tier.padEnd(10)} ${id}  ${name(id)}`),
    '',
    'Try:',
    `  ${token}`,
    `  ${query}`,
  ].join('\n'),
);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
