// What `npm run start:zoho` and `npm run start:fxiaoke` share: a tenant's keys written to local KV
// (hashed, the records `npm run keys` writes), and the worker under `wrangler dev` through
// scripts/start.mjs, with a stop that also closes the caller's servers.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const quietEnv = (env) => ({
  ...env,
  CI: 'true',
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  NO_UPDATE_NOTIFIER: '1',
});

export function checkTenant(tenant, variable) {
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(tenant)) throw new Error(`${variable}: lowercase letters, digits, - or _`);
}

function newKey(tenant, role, label) {
  const key = `tl_${randomBytes(32).toString('base64url')}`;
  const hash = createHash('sha256').update(key).digest('hex');
  const record = {
    id: `key_${hash.slice(0, 16)}`,
    tenant,
    role,
    name: `${label} ${role}`,
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

/** An admin and a reader key for `tenant`, written to local KV before the worker starts. */
export function seedLocalKeys({ root, tenant, stateDir, label, env }) {
  const admin = newKey(tenant, 'admin', label);
  const reader = newKey(tenant, 'reader', label);
  const tmp = mkdtempSync(join(tmpdir(), 'tierlens-keys-'));
  try {
    const file = join(tmp, 'keys.json');
    writeFileSync(file, JSON.stringify([...admin.entries, ...reader.entries]), { mode: 0o600 });
    const wrangler = join(root, 'node_modules/wrangler/bin/wrangler.js');
    const r = spawnSync(
      process.execPath,
      [wrangler, 'kv', 'bulk', 'put', file, '--binding', 'TL_KV', '--local', '--persist-to', stateDir],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: quietEnv(env),
      },
    );
    if (r.status !== 0) throw new Error(`wrangler kv bulk put failed:\n${r.stderr || r.stdout}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { admin: { key: admin.key }, reader: { key: reader.key } };
}

/**
 * Starts the worker (scripts/start.mjs --quiet) and returns ways to wait for it, call it with a
 * key, and stop everything: the worker first, then `close` (the caller's simulator and pages).
 */
export function startWorker({ root, port, stateDir, env, workerArgs = [], close }) {
  const base = `http://127.0.0.1:${port}`;
  const worker = spawn(
    process.execPath,
    [join(root, 'scripts/start.mjs'), '--quiet', ...(workerArgs.length ? ['--', ...workerArgs] : [])],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...env, PORT: String(port), TIERLENS_STATE_DIR: stateDir },
    },
  );
  let out = '';
  worker.stdout.on('data', (d) => (out += d));

  let stopping = false;
  async function stop(code = 0) {
    if (stopping) return;
    stopping = true;
    if (worker.exitCode === null) {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    await close();
    process.exit(code);
  }
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  worker.on('exit', (code) => {
    if (!stopping) {
      console.error(`the worker exited (${code}):\n${out.slice(-3000)}`);
      void stop(1);
    }
  });

  async function ready() {
    for (let i = 0; i < 1200; i++) {
      if (out.includes(`READY ${base}`)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the worker did not get ready on ${base} within 120 s:\n${out.slice(-3000)}`);
  }

  /** A JSON call with `key`; throws with the worker's answer on a non-2xx status. */
  async function call(key, method, path, body) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  }

  return { base, ready, call, stop };
}
