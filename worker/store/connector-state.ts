/**
 * A connector's own state in KV (`t:{tenant}:cstate:{crm}:{name}`): OAuth access tokens, refresh
 * leases, notification channels. Values are JSON; `secret: true` seals them with SECRETS_KEY
 * (AES-GCM, the key as additional data), like the connector secrets themselves.
 */
import type { ConnectorStore } from '../connectors/types.ts';
import { kvKeys } from './kv-keys.ts';
import { open, type Sealed, seal } from './secrets.ts';

/** KV's smallest expirationTtl. */
const MIN_TTL_SECONDS = 60;

export function connectorStore(kv: KVNamespace, secretsKey: string | undefined, tenant: string, crm: string): ConnectorStore {
  const key = (name: string) => kvKeys.connectorState(tenant, crm, name);
  return {
    async get<T>(name: string, options: { secret?: boolean } = {}): Promise<T | null> {
      const raw = await kv.get(key(name), 'text');
      if (raw === null) return null;
      try {
        const stored: unknown = JSON.parse(raw);
        if (!options.secret) return stored as T;
        return JSON.parse(await open(secretsKey, stored as Sealed, key(name))) as T;
      } catch {
        // Unreadable (an older format, or SECRETS_KEY rotated): as if absent.
        return null;
      }
    },
    async put(name: string, value: unknown, options: { ttlSeconds?: number; secret?: boolean } = {}): Promise<void> {
      const json = JSON.stringify(value);
      const body = options.secret ? JSON.stringify(await seal(secretsKey, json, key(name))) : json;
      const ttl = options.ttlSeconds === undefined ? {} : { expirationTtl: Math.max(MIN_TTL_SECONDS, Math.ceil(options.ttlSeconds)) };
      await kv.put(key(name), body, ttl);
    },
    async delete(name: string): Promise<void> {
      await kv.delete(key(name));
    },
  };
}
