/**
 * The Fxiaoke connector against the simulator, in Node: a simulator per test file, connectors
 * built the way the worker builds them (the real connector store, sealed with a test key, over
 * an in-memory KV), and the connector's clock tied to the simulator's frozen clock: a sleep
 * (backoff, rate limiting) advances that clock instead of waiting.
 */
// zod-openapi must extend zod before shared/ builds its schemas.
import '@hono/zod-openapi';
import { resetTokenCaches } from '../../worker/connectors/common/token-cache.ts';
import {
  createFxiaokeConnector,
  type FxiaokeConnector,
  type FxiaokeConnectorOptions,
  resetClientState,
  resetLabelMemo,
} from '../../worker/connectors/fxiaoke/index.ts';
import type { ConnectorStore } from '../../worker/connectors/types.ts';
import { connectorStore } from '../../worker/store/connector-state.ts';
import {
  type FxiaokeSim,
  type FxiaokeSimOptions,
  type RequestLogEntry,
  simConnectorSecrets,
  simConnectorSettings,
  startFxiaokeSim,
} from '../fxiaoke-sim/index.ts';
import { type MemoryKv, memoryKv } from './memory-kv.ts';

export const ANCHOR = Date.parse('2026-11-23T00:00:00Z');
/** A fixed test key for sealed connector state (never used outside tests). */
export const SECRETS_KEY = 'dGllcmxlbnMtdGVzdC1zZWNyZXRzLWtleS0zMmJ5dGU=';

export function startSim(options: FxiaokeSimOptions = {}): Promise<FxiaokeSim> {
  return startFxiaokeSim({ now: ANCHOR, frozenClock: true, ...options });
}

/**
 * Sleeps on the simulator's clock: a sleeper wakes at (its start + ms), moving the clock there
 * unless another sleeper already moved it further. Concurrent sleepers thus share one timeline,
 * as they would in real time. The delays asked for are recorded.
 */
export function simSleep(sim: FxiaokeSim) {
  const delays: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw signal.reason;
    const wake = sim.control.now() + ms;
    delays.push(ms);
    await Promise.resolve();
    if (signal?.aborted) throw signal.reason;
    if (sim.control.now() < wake) sim.control.setTime(wake);
  };
  return { delays, sleep };
}

export interface Setup {
  connector: FxiaokeConnector;
  store: ConnectorStore;
  kv: MemoryKv;
  delays: number[];
}

export interface SetupOptions {
  tenant?: string;
  settings?: Record<string, unknown>;
  secrets?: Record<string, string>;
  kv?: MemoryKv;
  allowDevHosts?: boolean;
  options?: FxiaokeConnectorOptions;
}

export function connectorFor(sim: FxiaokeSim, setup: SetupOptions = {}): Setup {
  const tenant = setup.tenant ?? 'acme';
  const kv = setup.kv ?? memoryKv(() => sim.control.now());
  const store = connectorStore(kv.kv, SECRETS_KEY, tenant, 'fxiaoke');
  const { delays, sleep } = simSleep(sim);
  const connector = createFxiaokeConnector(
    {
      tenant,
      settings: setup.settings ?? simConnectorSettings(sim.credentials),
      secrets: setup.secrets ?? simConnectorSecrets(sim.credentials),
      store,
      allowDevHosts: setup.allowDevHosts ?? true,
    },
    { clock: () => sim.control.now(), sleep, requestTimeoutMs: 10_000, ...setup.options },
  );
  return { connector, store, kv, delays };
}

/** Forget everything an isolate keeps in memory (tokens, rate windows, option labels). */
export function resetIsolate(): void {
  resetTokenCaches();
  resetClientState();
  resetLabelMemo();
}

/** A fresh start for a test: faults off, counters and windows reset, tokens expired, isolate memory gone. */
export function freshSim(sim: FxiaokeSim): void {
  sim.control.resetFaults();
  sim.control.resetWindows();
  sim.control.expireTokens();
  sim.control.resetCounters();
  resetIsolate();
}

export const ctx = (sim: FxiaokeSim, extra: { signal?: AbortSignal } = {}) => ({ now: sim.control.now(), ...extra });

const isToken = (key: string) => key.includes('/oauth2.0/token') || key.includes('corpAccessToken/get');

/** Business calls logged by the simulator since the last counter reset. */
export function businessCalls(sim: FxiaokeSim): RequestLogEntry[] {
  return sim.control.requests().filter((r) => !isToken(r.key));
}

/** Business queries per object (`data/query` and `custom/v2/data/query`). */
export function queriesPerObject(sim: FxiaokeSim): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of businessCalls(sim)) {
    if (!r.key.endsWith('/data/query')) continue;
    const object = (r.data as { dataObjectApiName?: string } | undefined)?.dataObjectApiName ?? '?';
    out[object] = (out[object] ?? 0) + 1;
  }
  return out;
}

export interface SearchQueryInfo {
  limit: number;
  offset: number;
  filters: { field_name: string; operator: string; field_values: string[] }[];
  orders?: { fieldName: string; isAsc: boolean }[];
  fieldProjection?: string[];
}

/** The search_query_info of a logged query (throws when the entry is not a query). */
export function sqiOf(entry: RequestLogEntry | undefined): SearchQueryInfo {
  const sqi = (entry?.data as { search_query_info?: SearchQueryInfo } | undefined)?.search_query_info;
  if (!sqi) throw new Error(`not a query: ${entry?.key}`);
  return sqi;
}
