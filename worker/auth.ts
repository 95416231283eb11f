/**
 * API keys. A key is `tl_` + 32 random bytes (base64url), shown once when created. KV keeps only
 * its SHA-256: `auth:{hash}` -> { id, tenant, role, name, createdAt, prefix }, and a per-tenant
 * copy `t:{tenant}:key:{id}` for listing. While DEMO_MODE is on, `demo-reader` and `demo-admin`
 * are accepted for the tenant `demo`.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppContext, AppEnv, Principal, Role } from './context.ts';
import { ApiError } from './errors.ts';
import { isolateCache } from './memo.ts';
import { kvKeys } from './store/kv-keys.ts';
import { sha256Hex } from './store/secrets.ts';

export interface KeyRecord {
  id: string;
  tenant: string;
  role: Role;
  name: string;
  createdAt: string;
  /** The first characters of the key, to recognise it in lists (`tl_AbCdEf…`). */
  prefix: string;
}

export const DEMO_KEYS: Readonly<Record<string, Role>> = { 'demo-reader': 'reader', 'demo-admin': 'admin' };

/** Key records are cached briefly per isolate; a revoked key stops working within this time. */
const KEY_MEMO_MS = 30_000;
const records = isolateCache<KeyRecord>(KEY_MEMO_MS, 5000);

export function keyIdOf(hash: string): string {
  return `key_${hash.slice(0, 16)}`;
}

export function generateApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return `tl_${btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** Creates a key for a tenant; returns the key itself (to show once) and its stored record. */
export async function createApiKey(
  kv: KVNamespace,
  tenant: string,
  role: Role,
  name: string,
  now: number,
): Promise<{ key: string; record: KeyRecord }> {
  const key = generateApiKey();
  const hash = await sha256Hex(key);
  const record: KeyRecord = { id: keyIdOf(hash), tenant, role, name, createdAt: new Date(now).toISOString(), prefix: key.slice(0, 9) };
  await kv.put(kvKeys.auth(hash), JSON.stringify(record), { metadata: record });
  await kv.put(kvKeys.apiKey(tenant, record.id), JSON.stringify({ ...record, hash }), { metadata: record });
  return { key, record };
}

async function principalFor(c: AppContext, token: string): Promise<Principal | null> {
  const hash = await sha256Hex(token);
  const demoRole = Object.hasOwn(DEMO_KEYS, token) ? DEMO_KEYS[token] : undefined;
  if (demoRole) {
    if (!c.var.settings.demoMode) return null;
    return { tenant: 'demo', role: demoRole, keyId: token, name: token, keyHash: hash };
  }
  if (!token.startsWith('tl_') || token.length > 200) return null;
  const now = c.var.deps.now();
  let record = records.get(hash, now);
  if (!record) {
    record = (await c.env.TL_KV.get<KeyRecord>(kvKeys.auth(hash), 'json')) ?? undefined;
    if (!record) return null;
    records.set(hash, record, now);
  }
  return { tenant: record.tenant, role: record.role, keyId: record.id, name: record.name, keyHash: hash };
}

/** Requires `Authorization: Bearer <key>` and sets `principal`. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new ApiError('unauthorized', 'Missing API key: send Authorization: Bearer <key>', { headers: { 'WWW-Authenticate': 'Bearer' } });
  }
  const principal = await principalFor(c, match[1] as string);
  if (!principal) throw new ApiError('unauthorized', 'Invalid or revoked API key', { headers: { 'WWW-Authenticate': 'Bearer' } });
  c.set('principal', principal);
  await next();
};

export function requireAdmin(c: AppContext): Principal {
  const p = c.var.principal;
  if (p.role !== 'admin') throw new ApiError('forbidden', 'This needs an admin key');
  return p;
}

/** How a principal is named in history ("who changed the rules"). */
export function actorName(p: Principal): string {
  return p.keyId === p.name ? p.name : `${p.name} (${p.keyId})`;
}
