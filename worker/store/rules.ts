/**
 * The tenant's rule set, versioned. `t:{tenant}:rules:current` holds the live version;
 * `t:{tenant}:rules:v:{version}` keeps every version ever saved (history, rollback), listed with
 * KV metadata so the history needs no per-version reads. A tenant without rules starts on the
 * default playbook as version 1.
 *
 * Concurrency: writes check the expected version (If-Match) and write under an in-isolate lock.
 * KV has no compare-and-swap, so two isolates racing within KV's propagation delay could both
 * win; a Durable Object per tenant would close that gap if it ever matters.
 */
import { type CompiledRules, compileRules, DEFAULT_PLAYBOOK, type RuleSet } from '../../shared/index.ts';
import { isolateCache, withLock } from '../memo.ts';
import { kvKeys } from './kv-keys.ts';

export interface RulesRecord {
  version: number;
  rules: RuleSet;
  updatedAt: string;
  updatedBy: string;
  /** Set when this version was created by a rollback. */
  restoredFrom?: number;
}

export interface RulesVersionInfo {
  version: number;
  updatedAt: string;
  updatedBy: string;
  restoredFrom?: number;
}

export interface LiveRules {
  record: RulesRecord;
  compiled: CompiledRules;
}

const RULES_MEMO_MS = 5_000;
const live = isolateCache<LiveRules>(RULES_MEMO_MS, 500);
/** Compiled rule sets by tenant and version: compiling is the expensive part. */
const compiledByVersion = isolateCache<CompiledRules>(10 * 60_000, 200);

function compiledFor(tenant: string, record: RulesRecord, now: number): CompiledRules {
  const key = `${tenant}:${record.version}`;
  let c = compiledByVersion.get(key, now);
  if (!c) {
    c = compileRules(record.rules);
    compiledByVersion.set(key, c, now);
  }
  return c;
}

export class VersionConflict extends Error {
  constructor(readonly currentVersion: number) {
    super(`the rules are at version ${currentVersion}`);
  }
}

export class RulesStore {
  constructor(
    private readonly kv: KVNamespace,
    private readonly tenant: string,
    private readonly now: () => number,
  ) {}

  /** The live rules, from this isolate's cache when fresh. */
  async current(): Promise<LiveRules> {
    const now = this.now();
    const cached = live.get(this.tenant, now);
    if (cached) return cached;
    const record = await this.readCurrent();
    const value = { record, compiled: compiledFor(this.tenant, record, now) };
    live.set(this.tenant, value, now);
    return value;
  }

  private async readCurrent(): Promise<RulesRecord> {
    const stored = await this.kv.get<RulesRecord>(kvKeys.rulesCurrent(this.tenant), 'json');
    if (stored) return stored;
    const seeded: RulesRecord = {
      version: 1,
      rules: DEFAULT_PLAYBOOK,
      updatedAt: new Date(this.now()).toISOString(),
      updatedBy: 'default playbook',
    };
    await this.write(seeded);
    return seeded;
  }

  private async write(record: RulesRecord): Promise<void> {
    const info: RulesVersionInfo = { version: record.version, updatedAt: record.updatedAt, updatedBy: record.updatedBy };
    if (record.restoredFrom !== undefined) info.restoredFrom = record.restoredFrom;
    // History first: a crash between the two writes leaves an unused version, never a live one without history.
    await this.kv.put(kvKeys.rulesVersion(this.tenant, record.version), JSON.stringify(record), { metadata: info });
    await this.kv.put(kvKeys.rulesCurrent(this.tenant), JSON.stringify(record));
  }

  /** Saves a new version if the live one is still `expectedVersion`; throws VersionConflict otherwise. */
  async replace(rules: RuleSet, expectedVersion: number, updatedBy: string, restoredFrom?: number): Promise<RulesRecord> {
    return withLock(`rules:${this.tenant}`, async () => {
      const current = await this.readCurrent();
      if (current.version !== expectedVersion) throw new VersionConflict(current.version);
      const record: RulesRecord = { version: current.version + 1, rules, updatedAt: new Date(this.now()).toISOString(), updatedBy };
      if (restoredFrom !== undefined) record.restoredFrom = restoredFrom;
      await this.write(record);
      const now = this.now();
      live.set(this.tenant, { record, compiled: compiledFor(this.tenant, record, now) }, now);
      return record;
    });
  }

  async version(version: number): Promise<RulesRecord | null> {
    if (!Number.isSafeInteger(version) || version < 1) return null;
    return this.kv.get<RulesRecord>(kvKeys.rulesVersion(this.tenant, version), 'json');
  }

  /** Every saved version, newest first. */
  async history(): Promise<RulesVersionInfo[]> {
    await this.current(); // seeds version 1 for a new tenant
    const out: RulesVersionInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.kv.list<RulesVersionInfo>({ prefix: kvKeys.rulesHistoryPrefix(this.tenant), cursor });
      for (const k of page.keys) if (k.metadata) out.push(k.metadata);
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor);
    return out.sort((a, b) => b.version - a.version);
  }
}
