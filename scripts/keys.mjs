#!/usr/bin/env node
// API keys against local KV (.wrangler/state, as `npm start` uses) or, with --remote, the
// production namespace. Keys are `tl_` + 32 random bytes (base64url), printed once; KV keeps
// only their SHA-256 (see worker/auth.ts for the record layout).
//
//   npm run keys -- create --tenant acme --role admin --name "Ops laptop" [--remote]
//   npm run keys -- list --tenant acme [--remote]
//   npm run keys -- revoke <key id or key prefix> [--remote]
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const command = args[0];
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const remote = args.includes('--remote');
const TENANT = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function die(message) {
  console.error(message);
  process.exit(1);
}

function wrangler(...kvArgs) {
  const target = remote ? ['--remote', '--env', 'production'] : ['--local', '--persist-to', '.wrangler/state'];
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/wrangler/bin/wrangler.js'), 'kv', ...kvArgs, '--binding', 'TL_KV', ...target],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    },
  );
  if (r.status !== 0) die(`wrangler kv ${kvArgs[0]} ${kvArgs[1]} failed:\n${r.stderr || r.stdout}`);
  return r.stdout;
}

function listKeys(prefix) {
  const out = wrangler('key', 'list', '--prefix', prefix);
  const start = out.indexOf('[');
  return start < 0 ? [] : JSON.parse(out.slice(start));
}

const sha256 = (s) => createHash('sha256').update(s).digest('hex');

if (command === 'create') {
  const tenant = flag('tenant');
  const role = flag('role') ?? 'reader';
  const name = flag('name') ?? `${role} key`;
  if (!tenant || !TENANT.test(tenant)) die('--tenant is required: lowercase letters, digits, - or _');
  if (role !== 'reader' && role !== 'admin') die('--role must be reader or admin');
  const key = `tl_${randomBytes(32).toString('base64url')}`;
  const hash = sha256(key);
  const record = { id: `key_${hash.slice(0, 16)}`, tenant, role, name, createdAt: new Date().toISOString(), prefix: key.slice(0, 9) };
  const meta = JSON.stringify(record);
  wrangler('key', 'put', `auth:${hash}`, meta, '--metadata', meta);
  wrangler('key', 'put', `t:${tenant}:key:${record.id}`, JSON.stringify({ ...record, hash }), '--metadata', meta);
  console.log(`Created ${role} key ${record.id} for tenant ${tenant} (${remote ? 'production' : 'local'} KV).`);
  console.log('The key is shown this once; store it now:\n');
  console.log(`  ${key}\n`);
} else if (command === 'list') {
  const tenant = flag('tenant');
  if (!tenant || !TENANT.test(tenant)) die('--tenant is required');
  const keys = listKeys(`t:${tenant}:key:`);
  if (keys.length === 0) console.log(`No keys for tenant ${tenant}.`);
  for (const k of keys) {
    const m = k.metadata ?? {};
    console.log(`${m.id}  ${m.role.padEnd(6)}  ${m.prefix}…  ${m.createdAt}  ${m.name}`);
  }
} else if (command === 'revoke') {
  const target = args[1];
  if (!target || target.startsWith('--')) die('usage: npm run keys -- revoke <key id or key prefix>');
  // A whole key, a key id (or the start of one), or the key prefix shown by `list` (tl_AbCdEf).
  const fullHash = target.startsWith('tl_') && target.length > 20 ? sha256(target) : null;
  const matches = listKeys('auth:').filter((k) => {
    const m = k.metadata;
    if (!m) return false;
    if (fullHash) return k.name === `auth:${fullHash}`;
    if (target.startsWith('key_')) return m.id.startsWith(target);
    return target.length >= 6 && (m.prefix.startsWith(target) || target.startsWith(m.prefix));
  });
  if (matches.length === 0) die(`No key matches ${target}.`);
  if (matches.length > 1)
    die(
      `${matches.length} keys match ${target}; use the key id:\n${matches.map((k) => `  ${k.metadata.id} (${k.metadata.tenant})`).join('\n')}`,
    );
  const [k] = matches;
  wrangler('key', 'delete', k.name);
  wrangler('key', 'delete', `t:${k.metadata.tenant}:key:${k.metadata.id}`);
  console.log(`Revoked ${k.metadata.id} (tenant ${k.metadata.tenant}, ${k.metadata.role}). Running isolates forget it within 30 s.`);
} else {
  die(
    'usage: npm run keys -- create --tenant T --role reader|admin --name N [--remote]\n       npm run keys -- list --tenant T [--remote]\n       npm run keys -- revoke <key id or prefix> [--remote]',
  );
}
