/**
 * What the end-to-end tests run against, all on loopback and offline:
 *  - the worker, as `npm start` runs it (wrangler dev, demo tenant, local KV in a temp dir);
 *  - a counting proxy in front of it: the extension's worker URL, so tests can count the
 *    requests the extension makes (`GET /__proxy/log`, `DELETE /__proxy/log`);
 *  - the Fxiaoke open API simulator, behind the worker's Fxiaoke connector (demo tenant);
 *  - the CRM fixture server: https (self-signed; Chromium gets --ignore-certificate-errors),
 *    answering for Zoho's and Fxiaoke's hosts through --host-resolver-rules, at their URL shapes.
 * Node only (no DOM): the benchmark uses these too.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_FEATURED } from '../../../worker/connectors/demo/data.ts';
import { detailPanel, FIXTURE_ACCOUNTS, FIXTURE_SEED } from '../../extension/fxiaoke-pages.ts';
import { accountDetail, accountList, accountOfDeal, dealDetail, type Shell } from '../../extension/zoho-pages.ts';
import { type FxiaokeSim, simConnectorSecrets, simConnectorSettings, startFxiaokeSim } from '../../fxiaoke-sim/index.ts';

export const ROOT = new URL('../../../', import.meta.url).pathname;
const FIXTURES = join(ROOT, 'test/fixtures/zoho-pages');
const FXIAOKE_FIXTURES = join(ROOT, 'test/fixtures/fxiaoke-pages');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- the worker

export interface WorkerHandle {
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startWorker(): Promise<WorkerHandle> {
  const port = await freePort();
  const stateDir = mkdtempSync(join(tmpdir(), 'tierlens-e2e-kv-'));
  // TIERLENS_E2E_WORKER_ROOT: run the worker from another checkout (e.g. the last commit, while
  // the working tree's worker is mid-edit); it needs its own node_modules (a symlink will do).
  const root = process.env.TIERLENS_E2E_WORKER_ROOT ?? ROOT;
  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts/start.mjs'), '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), TIERLENS_STATE_DIR: stateDir, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the worker did not start within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- the counting proxy

export interface LoggedRequest {
  method: string;
  path: string;
}

export interface ProxyHandle {
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startProxy(target: string): Promise<ProxyHandle> {
  const log: LoggedRequest[] = [];
  const to = new URL(target);
  const server = http.createServer((req, res) => {
    if (req.url === '/__proxy/log') {
      if (req.method === 'DELETE') log.length = 0;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(log));
      return;
    }
    log.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { port, url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(() => r())) };
}

export async function proxyLog(proxyUrl: string, reset = false): Promise<LoggedRequest[]> {
  const res = await fetch(`${proxyUrl}/__proxy/log`, { method: reset ? 'DELETE' : 'GET' });
  return (await res.json()) as LoggedRequest[];
}

// ---------------------------------------------------------------- the Fxiaoke simulator behind the worker

/**
 * The Fxiaoke open API simulator with the tenant the saved Fxiaoke pages show (same seed, same
 * size). The gateway's 60 calls / 20 s are the connector tests' business: here they would only
 * make a long browser run flaky.
 */
export const startFixtureFxiaokeSim = (): Promise<FxiaokeSim> =>
  startFxiaokeSim({ seed: FIXTURE_SEED, accounts: FIXTURE_ACCOUNTS, rateLimit: { limit: 10_000 } });

/**
 * Points the demo tenant's Fxiaoke connector at the simulator (`demo-admin`; local development
 * allows loopback CRM hosts), so pages at Fxiaoke's URLs classify through the real connector as
 * crm `fxiaoke`. The population statistics stay the demo CRM's (not recomputed), so the Zoho
 * pages' tiers do not move.
 */
export async function connectFxiaoke(workerUrl: string, sim: FxiaokeSim): Promise<void> {
  const headers = { authorization: 'Bearer demo-admin', 'content-type': 'application/json' };
  const c = sim.credentials;
  const put = await fetch(`${workerUrl}/v1/connectors/fxiaoke`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ settings: simConnectorSettings(c), secrets: simConnectorSecrets(c) }),
  });
  if (!put.ok) throw new Error(`PUT /v1/connectors/fxiaoke answered ${put.status}: ${await put.text()}`);
  const check = await fetch(`${workerUrl}/v1/connectors/fxiaoke/check`, { method: 'POST', headers });
  const body = (await check.json()) as { ok?: boolean };
  if (!check.ok || !body.ok) throw new Error(`the Fxiaoke connector check failed: ${JSON.stringify(body)}`);
}

// ---------------------------------------------------------------- the CRM fixture server (Zoho, Fxiaoke)

/** Zoho's hosts the tests use; Chromium resolves each to the fixture server. */
export const ZOHO_TEST_HOSTS = ['crm.zoho.com', 'crm.zoho.eu', 'crm.zoho.com.cn', 'one.zoho.com', 'crmsandbox.zoho.com'];
/** Fxiaoke's public cloud: the fixture server answers for it too. */
export const FXIAOKE_TEST_HOSTS = ['www.fxiaoke.com'];

const NOT_FOUND = { status: 404, type: 'text/html', body: '<!doctype html><title>Not found</title><h1>Not found</h1>' };

/**
 * Fxiaoke's app shell at /XV/UI/Home (app.js renders the hash route from the saved pages, as
 * the real app renders its routes), the saved pages and app.js under /__fixtures/fxiaoke/, and
 * any customer's detail panel at /__fixtures/fxiaoke/detail/{id} (what the app's WebDetail call
 * would fetch).
 */
export function fxiaokePage(url: URL): { status: number; type: string; body: string } {
  const saved = (name: string) => readFileSync(join(FXIAOKE_FIXTURES, name), 'utf8');
  if (url.pathname === '/XV/UI/Home') return { status: 200, type: 'text/html', body: saved('app-shell.html') };
  if (url.pathname === '/__fixtures/fxiaoke/app.js') return { status: 200, type: 'text/javascript', body: saved('app.js') };
  const detail = /^\/__fixtures\/fxiaoke\/detail\/([^/]+)$/.exec(url.pathname);
  if (detail) return { status: 200, type: 'text/html', body: detailPanel(decodeURIComponent(detail[1] as string)) };
  const file = /^\/__fixtures\/fxiaoke\/([a-z-]+\.html)$/.exec(url.pathname)?.[1];
  if (file && existsSync(join(FXIAOKE_FIXTURES, file))) return { status: 200, type: 'text/html', body: saved(file) };
  return NOT_FOUND;
}

/**
 * The page for a Zoho URL: `org<digits>` (or no org segment) serves the classic shell, a
 * custom org slug (and Zoho One) the "CRM for Everyone" shell. Saved pages are served as
 * saved; other account ids render through the same code.
 */
export function zohoPage(url: URL): { status: number; html: string } {
  const m = /^(?:\/zohoone\/[^/]+\/home\/cxapp-spaces\/[^/]+)?\/crm\/(?:([^/]+)\/)?tab\/([^/]+)(?:\/(.*))?$/.exec(url.pathname);
  if (!m) return { status: 404, html: '<!doctype html><title>Not found</title><h1>Not found</h1>' };
  const [, org, module, rest = ''] = m;
  const shell: Shell = url.pathname.startsWith('/zohoone/') || (org && !/^org\d+$/.test(org)) ? 'everyone' : 'classic';
  const parts = rest.split('/').filter(Boolean);
  const saved = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
  const sameShellAndOrg = org === (shell === 'classic' ? 'org123456' : 'zylker');
  if (module === 'Accounts' && parts.length === 1 && /^\d+$/.test(parts[0] as string)) {
    const id = parts[0] as string;
    const savedId = shell === 'classic' ? DEMO_FEATURED.key : DEMO_FEATURED.strategic;
    if (id === savedId && sameShellAndOrg) return { status: 200, html: saved(`${shell}-account-detail.html`) };
    return { status: 200, html: withOrg(accountDetail(shell, id), shell, url) };
  }
  if (module === 'Accounts' && parts[0] === 'custom-view' && parts[2] === 'list') {
    const n = url.searchParams.get('per_page') === '100' ? 100 : 50;
    if (sameShellAndOrg && (n === 50 || shell === 'classic'))
      return { status: 200, html: saved(`${shell}-account-list${n === 100 ? '-100' : ''}.html`) };
    return { status: 200, html: withOrg(accountList(shell, n), shell, url) };
  }
  if (module === 'Potentials' && parts.length === 1) {
    // A deal of a demo account shows that account; any other deal id, the saved page's.
    const account = accountOfDeal(parts[0] as string);
    if (!account && sameShellAndOrg) return { status: 200, html: saved(`${shell}-deal-detail.html`) };
    const html = account ? dealDetail(shell, account, parts[0]) : saved(`${shell}-deal-detail.html`);
    return { status: 200, html: withOrg(html, shell, url) };
  }
  return { status: 404, html: '<!doctype html><title>Not found</title><h1>Not found</h1>' };
}

/** Links on the page follow the URL's own org prefix (an absent org, Zoho One). */
function withOrg(html: string, shell: Shell, url: URL): string {
  const prefix = url.pathname.slice(0, url.pathname.indexOf('tab/'));
  return html.replaceAll(`/crm/${shell === 'classic' ? 'org123456' : 'zylker'}/`, prefix);
}

export interface FixtureServerHandle {
  port: number;
  stop(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServerHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'tierlens-e2e-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=crm.zoho.com'],
    {
      stdio: 'ignore',
    },
  );
  const spa = readFileSync(join(FIXTURES, 'spa.js'), 'utf8');
  const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'crm.zoho.com'}`);
    if (FXIAOKE_TEST_HOSTS.includes(url.hostname)) {
      const page = fxiaokePage(url);
      res.writeHead(page.status, { 'content-type': `${page.type}; charset=utf-8`, 'cache-control': 'no-store' }).end(page.body);
      return;
    }
    if (url.pathname === '/__fixtures/spa.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(spa);
      return;
    }
    const page = zohoPage(url);
    res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page.html);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  rmSync(dir, { recursive: true, force: true });
  return {
    port,
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
