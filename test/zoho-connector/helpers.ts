/**
 * The Zoho connector against the simulator, in Node: a simulator per test file (a loopback HTTP
 * server), connectors built the way the worker builds them, and an in-memory ConnectorStore in
 * place of KV (TTLs honoured; `secret` values kept as is: sealing is the worker's, tested there).
 */
// zod-openapi must extend zod before shared/ builds its schemas.
import '@hono/zod-openapi';
import type { ConnectorStore } from '../../worker/connectors/types.ts';
import {
  createZohoConnector,
  resetRecordOwners,
  resetTokenMemo,
  type ZohoConnector,
  type ZohoConnectorOptions,
} from '../../worker/connectors/zoho/index.ts';
import { type SimCounters, startZohoSim, type ZohoSim, type ZohoSimOptions } from '../zoho-sim/index.ts';

/** The simulator org's custom fields (test/zoho-sim/schema.ts), as an admin would map them. */
export const SIM_FIELDS = {
  csat: 'Customer_Satisfaction',
  csatDate: 'CSAT_Survey_Date',
  nps: 'NPS_Score',
  npsDate: 'NPS_Survey_Date',
  referrals: 'Referrals_Count',
  annualAgreement: 'Annual_Agreement',
  keyAccount: 'Key_Account',
  personality: 'Personality_Type',
  overdueAmount: 'Overdue_Amount',
  dealCategory: 'Type',
  extra: ['Rating'],
};

export interface MemoryStore extends ConnectorStore {
  entries: Map<string, { value: string; expires: number | null }>;
  reads: number;
  writes: number;
}

export function memoryStore(clock: () => number = Date.now): MemoryStore {
  const entries = new Map<string, { value: string; expires: number | null }>();
  const store: MemoryStore = {
    entries,
    reads: 0,
    writes: 0,
    async get<T>(name: string): Promise<T | null> {
      store.reads++;
      const e = entries.get(name);
      if (!e) return null;
      if (e.expires !== null && e.expires <= clock()) {
        entries.delete(name);
        return null;
      }
      return JSON.parse(e.value) as T;
    },
    async put(name, value, options = {}) {
      store.writes++;
      const ttl = options.ttlSeconds === undefined ? null : Math.max(60, options.ttlSeconds) * 1000;
      entries.set(name, { value: JSON.stringify(value), expires: ttl === null ? null : clock() + ttl });
    },
    async delete(name) {
      entries.delete(name);
    },
  };
  return store;
}

/** Retries wait nothing in tests; the delays asked for are recorded. */
export function instantSleep() {
  const delays: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    delays.push(ms);
    if (signal?.aborted) throw signal.reason;
  };
  return { delays, sleep };
}

export interface ConnectorSetup {
  tenant?: string;
  settings?: Record<string, unknown>;
  secrets?: Record<string, string>;
  store?: ConnectorStore;
  options?: ZohoConnectorOptions;
  allowDevHosts?: boolean;
}

export function simSettings(sim: ZohoSim, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { dc: sim.dc, accountsUrl: sim.accountsUrl, fields: SIM_FIELDS, ...extra };
}

/**
 * The simulator client's credentials with a refresh token of its own: Zoho (and the simulator)
 * allow ten access tokens per refresh token in ten minutes, and every test starts without tokens.
 */
export function simSecrets(sim: ZohoSim): Record<string, string> {
  const c = sim.control.credentials();
  return {
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    refreshToken: sim.control.issueRefreshToken(),
    webhookToken: 'zoho-test-webhook-token',
  };
}

export function connectorFor(
  sim: ZohoSim,
  setup: ConnectorSetup = {},
): { connector: ZohoConnector; store: ConnectorStore; secrets: Record<string, string> } {
  const store = setup.store ?? memoryStore();
  const secrets = setup.secrets ?? simSecrets(sim);
  const connector = createZohoConnector(
    {
      tenant: setup.tenant ?? 'acme',
      settings: setup.settings ?? simSettings(sim),
      secrets,
      store,
      allowDevHosts: setup.allowDevHosts ?? true,
    },
    { sleep: instantSleep().sleep, requestTimeoutMs: 15_000, ...setup.options },
  );
  return { connector, store, secrets };
}

export async function startSim(options: ZohoSimOptions = {}): Promise<ZohoSim> {
  return startZohoSim({ seed: 7, ...options });
}

/** Forget per-isolate state (tokens, record->account map, caches) between tests. */
export function resetMemory(): void {
  resetTokenMemo();
  resetRecordOwners();
}

/** API calls per endpoint key since the last reset, without the token endpoint. */
export function apiCalls(c: SimCounters): Record<string, number> {
  return Object.fromEntries(Object.entries(c.calls).filter(([k]) => !k.includes('/oauth/')));
}

export const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

export const ctx = (extra: { signal?: AbortSignal } = {}) => ({ now: Date.now(), ...extra });
