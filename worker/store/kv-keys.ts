/**
 * Every KV key the worker writes, in one place. Tenant data lives under `t:{tenant}:`; a route
 * only ever builds keys from the authenticated tenant, so no request can name another tenant's.
 *
 * Two global prefixes exist on purpose:
 * - `auth:{sha256(key)}`: the API key index. A request presents only the key, so the lookup
 *   cannot be tenant-scoped; the record names the tenant, and the key itself is never stored.
 * - `idx:connector:{tenant}:{crm}`: which tenants have a connector, for the cron job.
 */
import type { Lang } from '../../shared/schema.ts';

export const TENANT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Account ids come from CRMs and URLs: encode them so `:` cannot forge a key boundary. */
const enc = (s: string) => encodeURIComponent(s);

const pad = (version: number) => String(version).padStart(8, '0');

export const kvKeys = {
  auth: (keyHash: string) => `auth:${keyHash}`,
  apiKey: (tenant: string, keyId: string) => `t:${tenant}:key:${keyId}`,
  apiKeyPrefix: (tenant: string) => `t:${tenant}:key:`,
  rulesCurrent: (tenant: string) => `t:${tenant}:rules:current`,
  rulesVersion: (tenant: string, version: number) => `t:${tenant}:rules:v:${pad(version)}`,
  rulesHistoryPrefix: (tenant: string) => `t:${tenant}:rules:v:`,
  stats: (tenant: string, rulesVersion: number) => `t:${tenant}:stats:${rulesVersion}`,
  connector: (tenant: string, crm: string) => `t:${tenant}:connector:${crm}`,
  connectorIndex: (tenant: string, crm: string) => `idx:connector:${tenant}:${crm}`,
  connectorIndexPrefix: 'idx:connector:',
  /** A connector's own state (OAuth tokens, leases, notification channels); see store/connector-state.ts. */
  connectorState: (tenant: string, crm: string, name: string) => `t:${tenant}:cstate:${crm}:${enc(name)}`,
  /** A classification, per rules version and language: a rules change can never serve old tiers. */
  classification: (tenant: string, crm: string, rulesVersion: number, lang: Lang, accountId: string) =>
    `t:${tenant}:cls:${crm}:${rulesVersion}:${lang}:${enc(accountId)}`,
  /** The last snapshot fetched from the CRM: the fallback when the CRM fails after a rules change. */
  snapshot: (tenant: string, crm: string, accountId: string) => `t:${tenant}:snap:${crm}:${enc(accountId)}`,
};
