/**
 * Resolves (tenant, crm) to a Connector. Per-tenant settings live in KV at
 * `t:{tenant}:connector:{crm}` with their secrets sealed (store/secrets.ts); the demo tenant has
 * the demo connector built in while DEMO_MODE is on. Built connectors are kept per isolate and
 * rebuilt when the settings change.
 */
import type { Env, Settings } from '../env.ts';
import { ApiError } from '../errors.ts';
import { isolateCache } from '../memo.ts';
import { connectorStore } from '../store/connector-state.ts';
import { kvKeys } from '../store/kv-keys.ts';
import { open, type Sealed, seal } from '../store/secrets.ts';
import { demoDefinition } from './demo/definition.ts';
import { createDemoConnector } from './demo/index.ts';
import { fxiaokeDefinition } from './fxiaoke/definition.ts';
import type { CrmDefinition } from './registry.ts';
import { WEBHOOK_TOKEN } from './registry.ts';
import type { Connector } from './types.ts';
import { genericWebhook } from './webhooks.ts';
import { zohoDefinition } from './zoho/definition.ts';

export type { CrmDefinition, WebhookNotice, WebhookParser } from './registry.ts';
export { WEBHOOK_TOKEN } from './registry.ts';

/** Every CRM the worker can talk to. The Fxiaoke issue adds its own here. */
export const CRM_DEFINITIONS: Readonly<Record<string, CrmDefinition>> = {
  demo: demoDefinition,
  zoho: zohoDefinition,
  fxiaoke: fxiaokeDefinition,
};

export const DEMO_TENANT = 'demo';
/** The demo tenant's webhook token while DEMO_MODE is on and no token is configured. */
export const DEMO_WEBHOOK_TOKEN = 'demo-webhook';

export interface ConnectorDoc {
  crm: string;
  settings: Record<string, unknown>;
  secrets: Record<string, Sealed>;
  updatedAt: string;
  updatedBy: string;
}

export function crmDefinition(crm: string): CrmDefinition {
  const def = Object.hasOwn(CRM_DEFINITIONS, crm) ? CRM_DEFINITIONS[crm] : undefined;
  if (!def) throw new ApiError('not_found', `Unknown CRM "${crm.slice(0, 50)}"; known: ${Object.keys(CRM_DEFINITIONS).join(', ')}`);
  return def;
}

export function webhookParser(def: CrmDefinition) {
  return def.parseWebhook ?? genericWebhook;
}

const secretAad = (tenant: string, crm: string, name: string) => `${kvKeys.connector(tenant, crm)}:${name}`;

let builtInDemo: Connector | undefined;
const built = isolateCache<Connector>(60 * 60_000, 500);
/** Stored settings per tenant and CRM (null: none), read by every account request: kept 5 s per isolate. */
const docs = isolateCache<ConnectorDoc | null>(5_000, 1000);

export interface ResolveInput {
  kv: KVNamespace;
  tenant: string;
  crm: string;
  demoMode: boolean;
  secretsKey: string | undefined;
  now: number;
  /** Local development: connector settings may name non-production CRM hosts (ALLOW_DEV_CRM_HOSTS). */
  allowDevHosts?: boolean;
  overrides?: Readonly<Record<string, Connector>>;
}

export interface Resolved {
  def: CrmDefinition;
  connector: Connector;
}

/** The tenant's connector for `crm`; 404 for an unknown CRM or one the tenant has not configured. */
/** A tenant's connector for a cron trigger: no request, so the deployment's settings and no overrides. */
export function resolveScheduled(
  env: Pick<Env, 'TL_KV' | 'SECRETS_KEY'>,
  settings: Pick<Settings, 'demoMode' | 'allowDevCrmHosts'>,
  tenant: string,
  crm: string,
  now: number,
): Promise<Resolved> {
  return resolveConnector({
    kv: env.TL_KV,
    tenant,
    crm,
    demoMode: settings.demoMode,
    allowDevHosts: settings.allowDevCrmHosts,
    secretsKey: env.SECRETS_KEY,
    now,
  });
}

export async function resolveConnector(input: ResolveInput): Promise<Resolved> {
  const def = crmDefinition(input.crm);
  const override = input.overrides?.[input.crm];
  if (override) return { def, connector: override };
  const docKey = kvKeys.connector(input.tenant, input.crm);
  let doc = docs.get(docKey, input.now);
  if (doc === undefined) {
    doc = await readConnectorDoc(input.kv, input.tenant, input.crm);
    docs.set(docKey, doc, input.now);
  }
  if (doc) {
    const memoKey = `${input.tenant}:${input.crm}:${doc.updatedAt}`;
    let connector = built.get(memoKey, input.now);
    if (!connector) {
      const secrets: Record<string, string> = {};
      for (const [name, sealed] of Object.entries(doc.secrets)) {
        secrets[name] = await open(input.secretsKey, sealed, secretAad(input.tenant, input.crm, name));
      }
      connector = def.create({
        tenant: input.tenant,
        settings: doc.settings,
        secrets,
        store: connectorStore(input.kv, input.secretsKey, input.tenant, input.crm),
        allowDevHosts: input.allowDevHosts === true,
      });
      built.set(memoKey, connector, input.now);
    }
    return { def, connector };
  }
  if (isBuiltInDemo(input)) {
    builtInDemo ??= createDemoConnector();
    return { def, connector: builtInDemo };
  }
  throw new ApiError(
    'not_found',
    `No ${input.crm} connector is configured for this tenant; an admin sets it up with PUT /v1/connectors/${input.crm} (see /docs)`,
  );
}

function isBuiltInDemo(input: { tenant: string; crm: string; demoMode: boolean }): boolean {
  return input.demoMode && input.tenant === DEMO_TENANT && input.crm === demoDefinition.id;
}

/** The CRMs a tenant can use (configured ones, plus the built-in demo). */
export async function tenantCrms(kv: KVNamespace, tenant: string, demoMode: boolean): Promise<string[]> {
  const out = new Set<string>();
  if (demoMode && tenant === DEMO_TENANT) out.add(demoDefinition.id);
  for (const crm of Object.keys(CRM_DEFINITIONS)) if (await kv.get(kvKeys.connector(tenant, crm))) out.add(crm);
  return [...out];
}

export async function readConnectorDoc(kv: KVNamespace, tenant: string, crm: string): Promise<ConnectorDoc | null> {
  return kv.get<ConnectorDoc>(kvKeys.connector(tenant, crm), 'json');
}

/** Settings as routes show them: secrets reduced to `{ hasSecret: true }`. */
export function redactConnectorDoc(doc: ConnectorDoc | null, crm: string, builtIn: boolean) {
  return {
    crm,
    configured: doc !== null || builtIn,
    builtIn: doc === null && builtIn,
    settings: doc?.settings ?? {},
    secrets: Object.fromEntries(Object.keys(doc?.secrets ?? {}).map((name) => [name, { hasSecret: true as const }])),
    updatedAt: doc?.updatedAt ?? null,
    updatedBy: doc?.updatedBy ?? null,
  };
}

export function isBuiltIn(tenant: string, crm: string, demoMode: boolean): boolean {
  return isBuiltInDemo({ tenant, crm, demoMode });
}

export interface ConnectorUpdate {
  settings: Record<string, unknown>;
  /** A string sets the secret, null removes it, absent keeps it. */
  secrets: Record<string, string | null>;
}

export async function writeConnectorDoc(
  kv: KVNamespace,
  secretsKey: string | undefined,
  tenant: string,
  def: CrmDefinition,
  update: ConnectorUpdate,
  updatedBy: string,
  now: number,
): Promise<ConnectorDoc> {
  const previous = await readConnectorDoc(kv, tenant, def.id);
  const secrets: Record<string, Sealed> = { ...(previous?.secrets ?? {}) };
  for (const [name, value] of Object.entries(update.secrets)) {
    if (value === null) delete secrets[name];
    else secrets[name] = await seal(secretsKey, value, secretAad(tenant, def.id, name));
  }
  const doc: ConnectorDoc = { crm: def.id, settings: update.settings, secrets, updatedAt: new Date(now).toISOString(), updatedBy };
  await kv.put(kvKeys.connector(tenant, def.id), JSON.stringify(doc));
  await kv.put(kvKeys.connectorIndex(tenant, def.id), '');
  docs.delete(kvKeys.connector(tenant, def.id));
  return doc;
}

export function allowedSecretNames(def: CrmDefinition): string[] {
  return [WEBHOOK_TOKEN, ...def.secretNames];
}

/** The webhook token a notification must present for (tenant, crm), or null if none is set. */
export async function webhookToken(
  kv: KVNamespace,
  secretsKey: string | undefined,
  tenant: string,
  crm: string,
  demoMode: boolean,
): Promise<string | null> {
  const doc = await readConnectorDoc(kv, tenant, crm);
  const sealed = doc?.secrets[WEBHOOK_TOKEN];
  if (sealed) return open(secretsKey, sealed, secretAad(tenant, crm, WEBHOOK_TOKEN));
  if (isBuiltInDemo({ tenant, crm, demoMode })) return DEMO_WEBHOOK_TOKEN;
  return null;
}

/** Tenants with a configured connector, for the cron job. */
export async function tenantsWithConnectors(kv: KVNamespace): Promise<{ tenant: string; crm: string }[]> {
  const out: { tenant: string; crm: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix: kvKeys.connectorIndexPrefix, cursor });
    for (const k of page.keys) {
      const [tenant, crm] = k.name.slice(kvKeys.connectorIndexPrefix.length).split(':');
      if (tenant && crm) out.push({ tenant, crm });
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return out;
}
