#!/usr/bin/env node
// `npm start`: the worker under `wrangler dev` on loopback with local KV (.wrangler/state), the
// demo tenant seeded (default rules at version 1, population statistics), the demo CRM pages
// under /demo. Creates .dev.vars with a random SECRETS_KEY when missing. Runs offline.
// PORT overrides the port (default 8787); TIERLENS_STATE_DIR the local state directory.
// Meanwhile builds the browser extension for Chrome (.output/chrome-mv3, with this worker as its
// default) and prints how to load it; TIERLENS_SKIP_EXTENSION_BUILD=1 skips that, and so does
// `--quiet` (scripts and tests that start the worker: start:zoho, the end-to-end suites). A failed
// build is reported and the worker runs anyway.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURL_EXAMPLES, DEFAULT_BASE } from '../test/e2e-worker/readme-examples.ts';
import { buildExtension, loadSteps } from './extension-build.mjs';

const root = new URL('..', import.meta.url).pathname;
const port = Number(process.env.PORT ?? 8787);
const base = `http://127.0.0.1:${port}`;
const quiet = process.argv.includes('--quiet');
// Arguments after `--` go to wrangler dev (e.g. `-- --var RATE_LIMIT_PER_MINUTE:100000`).
const dashdash = process.argv.indexOf('--');
const extra = dashdash >= 0 ? process.argv.slice(dashdash + 1) : [];
// Where local KV lives; tests point it at a temporary directory.
const stateDir = process.env.TIERLENS_STATE_DIR ?? '.wrangler/state';

const devVars = join(root, '.dev.vars');
const existing = existsSync(devVars) ? readFileSync(devVars, 'utf8') : '';
if (!/^SECRETS_KEY=/m.test(existing)) {
  const line = `SECRETS_KEY=${randomBytes(32).toString('base64')}\n`;
  writeFileSync(devVars, existing && !existing.endsWith('\n') ? `${existing}\n${line}` : existing + line, { mode: 0o600 });
  console.log('Created .dev.vars with a random SECRETS_KEY (local connector secrets are encrypted with it).');
}

const wrangler = spawn(
  process.execPath,
  [
    join(root, 'node_modules/wrangler/bin/wrangler.js'),
    'dev',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--inspector-port',
    '0',
    '--persist-to',
    stateDir,
    ...extra,
  ],
  {
    cwd: root,
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1' },
  },
);
let stopping = false;
const stop = (signal) => {
  stopping = true;
  if (wrangler.exitCode === null) wrangler.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
wrangler.on('exit', (code) => process.exit(stopping ? 0 : (code ?? 1)));

// The extension builds while wrangler starts (a few seconds; both finish before the banner).
const building = quiet ? null : buildExtension({ root, workerUrl: base });

async function waitForHealth() {
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the worker did not answer on ${base}/health within 60 s`);
}

async function seed() {
  const admin = { authorization: 'Bearer demo-admin' };
  // GET seeds the default playbook as version 1 when the tenant has no rules yet.
  const rules = await (await fetch(`${base}/v1/rules`, { headers: admin })).json();
  const stats = await fetch(`${base}/v1/stats/recompute`, { method: 'POST', headers: admin });
  const body = await stats.json();
  return { version: rules.version, accounts: body.stats?.count ?? 0 };
}

try {
  await waitForHealth();
  const seeded = await seed();
  const build = building ? await building : null;
  if (build?.status === 'failed') console.error(`\nThe extension build (wxt build) failed; the worker runs anyway:\n${build.detail}\n`);
  const extensionHelp = build
    ? `
Try the extension (Chrome or Edge):
${loadSteps(build)}
  3. Under Connection: worker URL ${base}${base === 'http://127.0.0.1:8787' ? ' (the default)' : ''}, API key demo-reader
     (or demo-admin, which may also edit the tier rules on that page). Save.
  4. Open ${base}/demo: a tier badge next to every account; hover or click one for
     the reasons and tips. Account pages too: ${base}/demo/accounts/4876876000000333002
`
    : '';
  const examples = CURL_EXAMPLES.map((e) => `  # ${e.title}\n  ${e.command.replaceAll(DEFAULT_BASE, base)}`).join('\n\n');
  console.log(`
TierLens worker is running (local KV in ${stateDir}; demo tenant: rules v${seeded.version}, ${seeded.accounts} demo accounts)

  API          ${base}/v1/...
  Health       ${base}/health
  API docs     ${base}/docs   (OpenAPI: ${base}/openapi.json)
  Demo CRM     ${base}/demo   (中文: ${base}/demo?lang=zh)

  Demo API keys (local development only): demo-reader (reps, tools), demo-admin (rules, connectors)
  Real keys: npm run keys -- create --tenant <tenant> --role admin --name <name>
${extensionHelp}
${examples}

Ctrl+C stops it.
READY ${base}
`);
} catch (e) {
  console.error(String(e));
  stop('SIGTERM');
  process.exitCode = 1;
}
