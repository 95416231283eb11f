/**
 * The built-in demo connector: the synthetic CRM of ./data.ts behind the Connector interface,
 * so the worker runs without any CRM account.
 *
 * Data is laid out relative to the start of the UTC day of `ctx.now` and memoised per day.
 * Every call returns fresh copies, as a real CRM would, so callers may mutate what they get.
 *
 * Fault injection for tests: `failWith` makes every call throw a ConnectorError of that kind,
 * `latencyMs` delays every call (and honours `ctx.signal`). The options object is read on every
 * call, so a test can keep a reference and flip `failWith` between requests (a CRM outage after
 * the cache was filled, for instance).
 *
 * Errors: CRM-side failures are ConnectorError. A malformed `listAccounts` cursor is the
 * caller's mistake, not the CRM's: it throws a plain RangeError, which the worker maps to 400.
 */
import type { AccountSnapshot } from '../../../shared/schema.ts';
import { defaultSleep } from '../common/runtime.ts';
import { type AccountPage, type Connector, type ConnectorContext, ConnectorError, type ConnectorErrorKind } from '../types.ts';
import { DEMO_CRM, generateDemoAccounts } from './data.ts';

export { DEMO_ACCOUNT_COUNT, DEMO_CRM, DEMO_FEATURED, DEMO_HOSTILE_NAME, DEMO_SPECIAL, generateDemoAccounts } from './data.ts';

const DAY_MS = 86_400_000;

/** Accounts per `listAccounts` page. */
export const DEMO_PAGE_SIZE = 100;

export interface DemoConnectorOptions {
  /** Every call throws a ConnectorError of this kind (a simulated CRM outage). */
  failWith?: ConnectorErrorKind;
  /** Every call waits this long first (a slow CRM); aborting `ctx.signal` ends the wait with a timeout. */
  latencyMs?: number;
}

/** Start of the UTC day containing `ms`: the anchor the demo data is laid out from. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

interface DemoDay {
  anchor: number;
  accounts: AccountSnapshot[];
  byId: Map<string, AccountSnapshot>;
}

const RETRY_AFTER_SECONDS = 30;

export function createDemoConnector(options: DemoConnectorOptions = {}): Connector {
  let day: DemoDay | undefined;

  const dataFor = (ctx: ConnectorContext): DemoDay => {
    if (!Number.isFinite(ctx.now)) throw new RangeError(`demo connector: ctx.now is not a finite time: ${String(ctx.now)}`);
    const anchor = startOfUtcDay(ctx.now);
    if (day?.anchor !== anchor) {
      const accounts = generateDemoAccounts(anchor);
      day = { anchor, accounts, byId: new Map(accounts.map((a) => [a.id, a])) };
    }
    return day;
  };

  /** Injected latency and faults, checked at the start of every call. */
  const enter = async (ctx: ConnectorContext): Promise<void> => {
    const { latencyMs, failWith } = options;
    if (ctx.signal?.aborted) throw aborted(ctx.signal);
    if (latencyMs !== undefined && latencyMs > 0) await wait(latencyMs, ctx.signal);
    if (failWith !== undefined) {
      throw new ConnectorError(DEMO_CRM, failWith, `demo CRM: simulated ${failWith} failure`, {
        retryAfter: failWith === 'rate_limited' ? RETRY_AFTER_SECONDS : undefined,
      });
    }
  };

  return {
    id: DEMO_CRM,

    async getAccount(id, ctx) {
      await enter(ctx);
      const found = dataFor(ctx).byId.get(id);
      return found ? structuredClone(found) : null;
    },

    async getAccounts(ids, ctx) {
      await enter(ctx);
      const { byId } = dataFor(ctx);
      const out = new Map<string, AccountSnapshot>();
      for (const id of ids) {
        const found = byId.get(id);
        if (found && !out.has(id)) out.set(id, structuredClone(found));
      }
      return out;
    },

    async listAccounts(ctx, cursor): Promise<AccountPage> {
      const { accounts } = dataFor(ctx);
      const offset = parseCursor(cursor, accounts.length);
      await enter(ctx);
      const end = Math.min(offset + DEMO_PAGE_SIZE, accounts.length);
      const page: AccountPage = { accounts: accounts.slice(offset, end).map((a) => structuredClone(a)) };
      if (end < accounts.length) page.cursor = String(end);
      return page;
    },
  };
}

/** A cursor is the decimal offset of the page's first account, as returned by the previous page. */
function parseCursor(cursor: string | undefined, total: number): number {
  if (cursor === undefined) return 0;
  if (!/^(0|[1-9]\d{0,8})$/.test(cursor)) throw new RangeError(`demo connector: bad cursor ${JSON.stringify(cursor.slice(0, 40))}`);
  const offset = Number(cursor);
  if (offset > total) throw new RangeError(`demo connector: cursor ${offset} is past the last account (${total})`);
  return offset;
}

function aborted(signal: AbortSignal): ConnectorError {
  return new ConnectorError(DEMO_CRM, 'timeout', 'demo CRM: request aborted', { cause: signal.reason });
}

/** Sleeps; an abort (the only way the sleep fails) becomes the demo's timeout error. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return defaultSleep(ms, signal).catch(() => {
    throw aborted(signal as AbortSignal);
  });
}
