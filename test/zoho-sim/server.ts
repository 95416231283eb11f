/**
 * The Zoho CRM v8 simulator: one loopback HTTP server that plays the accounts server of every
 * data centre (OAuth token endpoint) and the API (`/crm/v8/...`), plus a JSON control API under
 * `/__sim/` for processes that cannot hold the in-process `control` object (e.g. the worker under
 * `wrangler dev`). See README.md in this folder for the endpoint table and the sources.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  answer,
  applyFaultRates,
  type ClockControl,
  type ControlRequest,
  clockControl,
  controlPath,
  type FaultControl,
  type FaultOptions,
  faultControl,
  num,
  ok,
  queued,
  queueFaults,
  recordRoute,
  serveControl,
} from '../sim-kit/control.ts';
import { snapshot, tally } from '../sim-kit/counters.ts';
import { closed, delay, readBody, sendText, startLoopbackServer } from '../sim-kit/http.ts';
import { Rng } from '../sim-kit/rng.ts';
import { SimClock, startOfUtcDay } from '../sim-kit/time.ts';
import { parseCoql, runCoql } from './coql.ts';
import { DATA_CENTRES, type DataCentre, isDataCentre, simAccountsServer, simApiDomain } from './dc.ts';
import { type ApiError, errors } from './errors.ts';
import { type FaultKind, type FaultStatus, Faults, gatewayBody } from './faults.ts';
import { Concurrency, CreditLedger, coqlCredits, creditBudget, EDITIONS, type Edition, writeCredits } from './limits.ts';
import { type Delivery, Notifier } from './notifications.ts';
import { ALL_SCOPES, OAuthServer, type TokenErrorKind } from './oauth.ts';
import {
  countRecords,
  createRecords,
  getOrg,
  getRecord,
  getRecords,
  getRelatedRecords,
  PageTokens,
  type RecordFaults,
  type RecordsContext,
  type Reply,
  updateRecords,
} from './records.ts';
import { findModule, MODULES } from './schema.ts';
import {
  API_USER,
  DEFAULT_ACCOUNT_COUNT,
  DEFAULT_SEED,
  FIRST_NEW_ID,
  type SeededOrg,
  seedOrg,
  ZOHO_SIM_FEATURED,
  ZOHO_SIM_SPECIAL,
} from './seed.ts';
import { RecordStore, type ZohoRecord } from './store.ts';

export interface ZohoSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** PRNG seed for the org, the credentials and probabilistic faults. */
  seed?: number;
  /** Number of Accounts (default 2,400: more than the 2,000 reachable by `page`). */
  accounts?: number;
  /** The data anchor (epoch ms); default: the start of the current UTC day. */
  now?: number;
  /** Where the simulator clock starts; default: `now` when given, else the current time. */
  clockStart?: number;
  /** The org's data centre (default `com`). */
  dc?: DataCentre;
  /** Edition: credit budget and concurrency (default `enterprise`). */
  edition?: Edition;
  /** User licences, for the credit budget (default 10). */
  users?: number;
  /** Freeze the clock (it moves only through `control.advanceTime`); default false. */
  frozenClock?: boolean;
}

export interface SimCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  dc: DataCentre;
  accountsUrl: string;
  tokenUrl: string;
  apiDomain: string;
}

export interface SimCounters {
  /** Requests per endpoint key, e.g. `GET /crm/v8/Accounts`, `GET /crm/v8/Accounts/{id}`, `POST /oauth/v2/token`. */
  calls: Record<string, number>;
  apiCalls: number;
  tokenRequests: number;
  tokenMints: number;
  /** Credits charged since the last counter reset. */
  creditsUsed: number;
  /** Credits left in the rolling 24-hour window. */
  creditsRemaining: number;
  /** Answers by HTTP status (API and token endpoint). */
  statuses: Record<string, number>;
  rejected: { throttled: number; concurrency: number; credits: number };
  faultsInjected: number;
  callbacks: { sent: number; ok: number; failed: number };
  peakConcurrency: number;
}

export type MutateOp =
  | { op: 'insert'; module: string; values: Record<string, unknown> }
  | { op: 'update'; module: string; id: string; values: Record<string, unknown> }
  | { op: 'delete'; module: string; id: string };

export type { FaultOptions };

export interface SimControl extends ClockControl, FaultControl<Partial<Record<FaultStatus, number>>> {
  failNext(count: number, status: FaultStatus, opts?: FaultOptions): void;
  throttleNext(count: number, opts?: FaultOptions): void;
  /** Per-record write errors (2xx with errors inside `data[]`): these ids fail with `code` until cleared. */
  failRecords(ids: readonly string[], code: string): void;
  clearRecordFaults(): void;
  tokenErrorNext(count: number, kind: TokenErrorKind, status?: 200 | 400): void;
  setTokenErrorStatus(opts: { invalid?: 200 | 400; accessDenied?: 200 | 400 }): void;
  expireAccessTokens(): void;
  revokeRefreshToken(token?: string): void;
  issueRefreshToken(scopes?: readonly string[]): string;
  issueGrantCode(scopes?: readonly string[]): string;
  setEdition(edition: Edition, users?: number): void;
  /** Set the credit budget and/or pretend `used` credits were spent just now. */
  setCredits(opts: { budget?: number; used?: number }): void;
  resetFaults(): void;
  resetCounters(): void;
  counters(): SimCounters;

  mutate(op: MutateOp): ZohoRecord | undefined;
  getRecord(module: string, id: string): ZohoRecord | undefined;
  flushNotifications(): Promise<void>;
  notifications(): Delivery[];
  credentials(): SimCredentials;
}

export interface SimState {
  store: RecordStore;
  clock: SimClock;
  oauth: OAuthServer;
  notifier: Notifier;
  ledger: CreditLedger;
  concurrency: Concurrency;
  faults: Faults;
  seeded: SeededOrg;
}

export interface ZohoSim {
  /** The org's api_domain: `{url}/crm/v8/...`. */
  url: string;
  /** The org's accounts server: `{accountsUrl}/oauth/v2/token`. */
  accountsUrl: string;
  /** The loopback origin; `/__sim/*` lives here. */
  baseUrl: string;
  dc: DataCentre;
  credentials: SimCredentials;
  featured: typeof ZOHO_SIM_FEATURED;
  special: typeof ZOHO_SIM_SPECIAL;
  control: SimControl;
  state: SimState;
  /** The accounts server and api_domain the simulator uses for any DC. */
  dcUrls(dc: DataCentre): { accountsUrl: string; apiDomain: string };
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json;charset=utf-8';
/** `POST /__sim/faults` fields and the faults they queue. */
const QUEUED_FAULTS = [
  ['failNext', 'error'],
  ['hangNext', 'hang'],
  ['malformedNext', 'malformed'],
  ['throttleNext', 'throttle'],
] as const satisfies readonly (readonly [string, FaultKind])[];
const ORG_ID = '60012345678';

interface Route {
  key: string;
  run: () => Reply | Promise<Reply>;
  scopes: string[];
  heavy: boolean;
  estimate: number;
}

export async function startZohoSim(opts: ZohoSimOptions = {}): Promise<ZohoSim> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const anchor = opts.now ?? startOfUtcDay(Date.now());
  const orgDc: DataCentre = opts.dc ?? 'com';
  let edition: Edition = opts.edition ?? 'enterprise';
  let users = opts.users ?? 10;
  const clock = new SimClock(opts.clockStart ?? opts.now ?? Date.now(), opts.frozenClock ?? false);
  const rng = new Rng(seed ^ 0x0a17_c0de);
  const faultRng = new Rng(seed ^ 0xfa17);
  let baseUrl = '';
  const apiDomain = (dc: DataCentre) => simApiDomain(baseUrl, dc);

  const seeded = seedOrg({ seed, accounts: opts.accounts ?? DEFAULT_ACCOUNT_COUNT, anchor });
  const store = new RecordStore(FIRST_NEW_ID);
  for (const [module, records] of Object.entries(seeded.modules)) store.load(module, records);
  const oauth = new OAuthServer({ rng, clock, dc: orgDc, apiDomain, user: API_USER });
  const notifier = new Notifier({ clock, apiDomain: () => apiDomain(orgDc) });
  store.onChange((e) => notifier.onChange(e));
  const ledger = new CreditLedger(creditBudget(edition, users));
  const concurrency = new Concurrency(EDITIONS[edition].concurrency);
  const faults = new Faults(faultRng);
  const recordFaults: RecordFaults = new Map();
  const tokens = new PageTokens(new Rng(seed ^ 0x7043));

  const fresh = (): SimCounters => ({
    calls: {},
    apiCalls: 0,
    tokenRequests: 0,
    tokenMints: 0,
    creditsUsed: 0,
    creditsRemaining: 0,
    statuses: {},
    rejected: { throttled: 0, concurrency: 0, credits: 0 },
    faultsInjected: 0,
    callbacks: { sent: 0, ok: 0, failed: 0 },
    peakConcurrency: 0,
  });
  let counters = fresh();
  let mintsAtReset = 0;
  let deliveriesAtReset = 0;

  const ctx: RecordsContext = {
    store,
    clock,
    rng,
    tokens,
    user: API_USER,
    recordFaults,
    orgId: ORG_ID,
    emitUpdates: (module, ids, affectedFields, affectedValues) =>
      store.emit({ module, op: 'update', ids, affectedFields, affectedValues, at: clock.now() }),
  };

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    tally(counters.statuses, String(status));
    const h: Record<string, string> = { server: 'ZGS', 'content-type': JSON_TYPE, ...headers };
    if (status === 204 || status === 304 || body === undefined) {
      res.writeHead(status, h);
      res.end();
      return;
    }
    sendText(res, status, typeof body === 'string' ? body : JSON.stringify(body), h);
  }

  function sendError(res: ServerResponse, e: ApiError, headers: Record<string, string> = {}): void {
    send(res, e.httpStatus, e.body, headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = url.pathname;
    const controlRoute = controlPath(path);
    if (controlRoute !== undefined)
      return serveControl(req, controlRoute, (status, body) => send(res, status, body), control, controlRoutes);

    // Data-centre prefixes (see dc.ts): /accounts/{dc}/... and /api/{dc}/...
    let dc: DataCentre = orgDc;
    let surface: 'accounts' | 'api' | undefined;
    const prefixed = /^\/(accounts|api)\/([a-z.]+)(\/.*)$/.exec(path);
    if (prefixed) {
      const dcName = prefixed[2] as string;
      if (!isDataCentre(dcName)) return sendError(res, errors.invalidUrlPattern());
      dc = dcName;
      surface = prefixed[1] as 'accounts' | 'api';
      path = prefixed[3] as string;
    }
    if ((surface === undefined || surface === 'accounts') && path.startsWith('/oauth/v2/token'))
      return handleToken(req, res, dc, path, url.searchParams);
    if ((surface === undefined || surface === 'api') && path.startsWith('/crm/v8/'))
      return handleApi(req, res, dc, path.slice('/crm/v8'.length), url.searchParams);
    return sendError(res, errors.invalidUrlPattern());
  }

  // ---------------------------------------------------------------- accounts server

  async function handleToken(
    req: IncomingMessage,
    res: ServerResponse,
    dc: DataCentre,
    path: string,
    query: URLSearchParams,
  ): Promise<void> {
    const revoke = path === '/oauth/v2/token/revoke';
    const key = revoke ? 'POST /oauth/v2/token/revoke' : 'POST /oauth/v2/token';
    tally(counters.calls, key);
    counters.tokenRequests += 1;
    const body = await readBody(req);
    await delay(faults.latency(), res);
    if (await injectTransportFaults(res, key, false)) return;
    if (req.method !== 'POST') return send(res, 405, { error: 'invalid_request' });
    const params = new URLSearchParams(query);
    const type = req.headers['content-type'] ?? '';
    if (body && (type.includes('application/x-www-form-urlencoded') || type === '')) {
      for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
    }
    if (revoke) {
      oauth.revoke(params.get('token') ?? '');
      return send(res, 200, { status: 'success' });
    }
    const result = oauth.handleToken(dc, params);
    return send(res, result.status, result.body);
  }

  // ---------------------------------------------------------------- API

  function routeFor(method: string, path: string, query: URLSearchParams, body: unknown, headers: Headers): Route | ApiError {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [first, second, third] = parts;
    if (parts.length === 1 && first === 'coql') {
      if (method !== 'POST') return errors.invalidMethod();
      let estimate = 1;
      const q = (body as { select_query?: unknown } | null)?.select_query;
      if (typeof q === 'string') {
        try {
          estimate = coqlCredits(parseCoql(q).limit);
        } catch {
          estimate = 1;
        }
      }
      return {
        key: 'POST /crm/v8/coql',
        scopes: ['ZohoCRM.coql.READ', 'ZohoCRM.coql.ALL'],
        heavy: true,
        estimate,
        run: () => runCoql(body, store),
      };
    }
    if (parts.length === 1 && first === 'org') {
      if (method !== 'GET') return errors.invalidMethod();
      return {
        key: 'GET /crm/v8/org',
        scopes: ['ZohoCRM.org.READ', 'ZohoCRM.org.ALL', 'ZohoCRM.settings.ALL'],
        heavy: false,
        estimate: 1,
        run: () => getOrg(ctx),
      };
    }
    if (parts.length === 2 && first === 'actions' && second === 'watch') {
      const verb = { GET: 'READ', POST: 'CREATE', PUT: 'UPDATE', PATCH: 'UPDATE', DELETE: 'DELETE' }[method];
      if (!verb) return errors.invalidMethod();
      const scopes = ['ZohoCRM.notifications.ALL', `ZohoCRM.notifications.${verb}`];
      const key = `${method} /crm/v8/actions/watch`;
      const wrap = (r: { status: number; body: unknown }): Reply => ({ ...r, credits: 1 });
      const run =
        method === 'GET'
          ? () => wrap(notifier.list(query))
          : method === 'POST'
            ? () => wrap(notifier.subscribe(body, false))
            : method === 'PUT'
              ? () => wrap(notifier.subscribe(body, true))
              : method === 'PATCH'
                ? () => wrap(notifier.patch(body))
                : () => wrap(notifier.unsubscribe(query));
      return { key, scopes, heavy: false, estimate: 1, run };
    }
    const module = first ? findModule(first) : undefined;
    if (!module) return errors.invalidModule(0);
    const m = module.apiName;
    const lower = m.toLowerCase();
    const read = ['ZohoCRM.modules.ALL', 'ZohoCRM.modules.READ', `ZohoCRM.modules.${lower}.ALL`, `ZohoCRM.modules.${lower}.READ`];
    const write = (op: string) => [
      'ZohoCRM.modules.ALL',
      `ZohoCRM.modules.${op}`,
      `ZohoCRM.modules.${lower}.ALL`,
      `ZohoCRM.modules.${lower}.${op}`,
    ];
    const records = (b: unknown) =>
      b && typeof b === 'object' && Array.isArray((b as { data?: unknown }).data) ? (b as { data: unknown[] }).data.length : 1;
    if (parts.length === 1) {
      if (method === 'GET') {
        const heavy = query.has('sort_by') || query.has('cvid');
        return { key: `GET /crm/v8/${m}`, scopes: read, heavy, estimate: 1, run: () => getRecords(ctx, module, query, headers) };
      }
      if (method === 'PUT') {
        const n = records(body);
        return {
          key: `PUT /crm/v8/${m}`,
          scopes: write('UPDATE'),
          heavy: n > 10,
          estimate: writeCredits(n),
          run: () => updateRecords(ctx, module, body, headers),
        };
      }
      if (method === 'POST') {
        const n = records(body);
        return {
          key: `POST /crm/v8/${m}`,
          scopes: write('CREATE'),
          heavy: n > 10,
          estimate: writeCredits(n),
          run: () => createRecords(ctx, module, body),
        };
      }
      return errors.invalidMethod();
    }
    if (parts.length === 3 && second === 'actions' && third === 'count') {
      if (method !== 'GET') return errors.invalidMethod();
      return { key: `GET /crm/v8/${m}/actions/count`, scopes: read, heavy: false, estimate: 1, run: () => countRecords(ctx, module) };
    }
    const id = second ?? '';
    if (parts.length === 2) {
      if (method === 'GET')
        return {
          key: `GET /crm/v8/${m}/{id}`,
          scopes: read,
          heavy: false,
          estimate: 1,
          run: () => getRecord(ctx, module, id, query, headers),
        };
      if (method === 'PUT') {
        return {
          key: `PUT /crm/v8/${m}/{id}`,
          scopes: write('UPDATE'),
          heavy: false,
          estimate: 1,
          run: () => updateRecords(ctx, module, body, headers, id),
        };
      }
      return errors.invalidMethod();
    }
    if (parts.length === 3 && third) {
      if (method !== 'GET') return errors.invalidMethod();
      return {
        key: `GET /crm/v8/${m}/{id}/${third}`,
        scopes: read,
        heavy: false,
        estimate: 1,
        run: () => getRelatedRecords(ctx, module, id, third, query, headers),
      };
    }
    return errors.invalidUrlPattern();
  }

  /** Hang / 5xx faults shared by the API and the token endpoint. True when the request was consumed. */
  async function injectTransportFaults(res: ServerResponse, key: string, isApi: boolean): Promise<boolean> {
    if (faults.take('hang', key, isApi) || (isApi && faults.randomHang())) {
      counters.faultsInjected += 1;
      await closed(res);
      return true;
    }
    const queued = faults.take('error', key, isApi);
    const status = queued?.status ?? (isApi ? faults.randomStatus() : undefined);
    if (status) {
      counters.faultsInjected += 1;
      if (status === 500) sendError(res, errors.internal());
      else send(res, status, gatewayBody(status), { 'content-type': 'text/html' });
      return true;
    }
    return false;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, dc: DataCentre, path: string, query: URLSearchParams): Promise<void> {
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    let body: unknown;
    let badBody = false;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        badBody = true;
      }
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const route = routeFor(method, path, query, body, headers);
    const key = 'key' in route ? route.key : `${method} /crm/v8${path}`;
    tally(counters.calls, key);
    counters.apiCalls += 1;

    // Authentication first: `Authorization: Zoho-oauthtoken <token>` only (zoho.md §1).
    const auth = req.headers.authorization ?? '';
    const m = /^Zoho-oauthtoken\s+(\S+)$/i.exec(auth.trim());
    if (!m) return sendError(res, errors.authenticationFailure());
    const token = oauth.validate(m[1] as string, dc);
    if (!token) return sendError(res, errors.invalidToken());
    if (!('key' in route)) return sendError(res, route);
    const granted = token.scopes.map((s) => s.toLowerCase());
    if (!route.scopes.some((s) => granted.includes(s.toLowerCase()))) return sendError(res, errors.scopeMismatch());

    // Limits: forced throttling, concurrency, then the 24-hour credits. No Retry-After (zoho.md §4).
    if (faults.take('throttle', key, true)) {
      counters.rejected.throttled += 1;
      counters.faultsInjected += 1;
      return sendError(res, errors.tooManyRequests());
    }
    const release = concurrency.acquire(route.heavy);
    if (!release) {
      counters.rejected.concurrency += 1;
      return sendError(res, errors.tooManyRequests());
    }
    counters.peakConcurrency = Math.max(counters.peakConcurrency, concurrency.active);
    try {
      if (!ledger.canSpend(clock.now(), route.estimate)) {
        counters.rejected.credits += 1;
        return sendError(res, errors.tooManyRequests());
      }
      await delay(faults.latency(), res);
      if (res.destroyed) return;
      if (await injectTransportFaults(res, key, true)) return;
      const reply: Reply = badBody ? { ...toReply(errors.invalidBody()), credits: 1 } : await route.run();
      ledger.charge(clock.now(), reply.credits);
      counters.creditsUsed += reply.credits;
      const extra: Record<string, string> = {};
      const remaining = ledger.header(clock.now());
      if (remaining !== undefined) extra['x-api-credits-remaining'] = remaining;
      if ((faults.take('malformed', key, true) || faults.randomMalformed()) && reply.body !== undefined) {
        counters.faultsInjected += 1;
        const text = JSON.stringify(reply.body);
        return send(res, reply.status, text.slice(0, Math.max(1, Math.floor(text.length / 2))), extra);
      }
      return send(res, reply.status, reply.body, extra);
    } finally {
      release();
    }
  }

  function toReply(e: ApiError): { status: number; body: unknown } {
    return { status: e.httpStatus, body: e.body };
  }

  // ---------------------------------------------------------------- control

  const control: SimControl = {
    ...clockControl(clock),
    ...faultControl(faults),
    failNext: (n, status, o) => faults.enqueue({ kind: 'error', remaining: n, status, ...(o?.match ? { match: o.match } : {}) }),
    throttleNext: (n, o) => faults.enqueue(queued('throttle', n, o)),
    failRecords: (ids, code) => {
      for (const id of ids) recordFaults.set(id, code);
    },
    clearRecordFaults: () => recordFaults.clear(),
    tokenErrorNext: (n, kind, status) => {
      for (let i = 0; i < n; i++) oauth.faults.push(status ? { kind, status } : { kind });
    },
    setTokenErrorStatus: (o) => {
      if (o.invalid) oauth.invalidStatus = o.invalid;
      if (o.accessDenied) oauth.accessDeniedStatus = o.accessDenied;
    },
    expireAccessTokens: () => oauth.expireAll(),
    revokeRefreshToken: (t) => {
      oauth.revoke(t ?? oauth.refreshToken);
    },
    issueRefreshToken: (scopes = ALL_SCOPES) => oauth.issueRefreshToken(scopes),
    issueGrantCode: (scopes = ALL_SCOPES) => oauth.issueGrantCode(scopes),
    setEdition: (e, u) => {
      edition = e;
      if (u !== undefined) users = u;
      ledger.budget = creditBudget(edition, users);
      concurrency.limit = EDITIONS[edition].concurrency;
    },
    setCredits: (o) => {
      if (o.budget !== undefined) ledger.budget = o.budget;
      if (o.used !== undefined) {
        ledger.reset();
        if (o.used > 0) ledger.preload(clock.now(), o.used);
      }
    },
    resetFaults: () => {
      faults.reset();
      recordFaults.clear();
      oauth.faults.length = 0;
      oauth.invalidStatus = 200;
      oauth.accessDeniedStatus = 400;
    },
    resetCounters: () => {
      counters = fresh();
      mintsAtReset = oauth.mints;
      deliveriesAtReset = notifier.deliveries.length;
    },
    counters: () => {
      const delivered = notifier.deliveries.slice(deliveriesAtReset);
      return {
        ...snapshot(counters),
        tokenMints: oauth.mints - mintsAtReset,
        creditsRemaining: ledger.remaining(clock.now()),
        callbacks: {
          sent: delivered.length,
          ok: delivered.filter((d) => d.status !== null && d.status < 300).length,
          failed: delivered.filter((d) => d.status === null || d.status >= 300).length,
        },
      };
    },
    mutate: (op) => {
      const module = findModule(op.module);
      if (!module) throw new Error(`unknown module ${op.module}`);
      const now = clock.now();
      if (op.op === 'insert') return store.insert(module.apiName, op.values, now, API_USER);
      if (op.op === 'update') {
        if (!store.get(module.apiName, op.id)) throw new Error(`no ${module.apiName} record ${op.id}`);
        const { record } = store.update(module.apiName, op.id, op.values, now, API_USER);
        store.emit({
          module: module.apiName,
          op: 'update',
          ids: [op.id],
          affectedFields: { [op.id]: Object.keys(op.values) },
          affectedValues: { [op.id]: op.values },
          at: now,
        });
        return record;
      }
      const before = store.get(module.apiName, op.id);
      if (!before || !store.delete(module.apiName, op.id)) throw new Error(`no ${module.apiName} record ${op.id}`);
      store.emit({ module: module.apiName, op: 'delete', ids: [op.id], affectedFields: {}, affectedValues: {}, at: now });
      return before;
    },
    getRecord: (module, id) => store.get(findModule(module)?.apiName ?? module, id),
    flushNotifications: () => notifier.flush(),
    notifications: () => [...notifier.deliveries],
    credentials: () => credentials(),
  };

  function credentials(): SimCredentials {
    const accountsUrl = simAccountsServer(baseUrl, orgDc);
    return {
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
      refreshToken: oauth.refreshToken,
      dc: orgDc,
      accountsUrl,
      tokenUrl: `${accountsUrl}/oauth/v2/token`,
      apiDomain: apiDomain(orgDc),
    };
  }

  /**
   * `/__sim/*` (JSON in, JSON out; `POST /__sim/clock` and the errors are sim-kit's `serveControl`):
   *   GET  /__sim/state                    counters, clock, faults, credentials
   *   POST /__sim/reset                    {faults?, counters?} (both by default)
   *   POST /__sim/faults                   {latencyMs?, errorRates?, hangRate?, malformedRate?,
   *                                         failNext?: {count, status, match?}, hangNext?: {count, match?},
   *                                         malformedNext?: {count, match?}, throttleNext?: {count, match?},
   *                                         failRecords?: {ids, code}, tokenErrorNext?: {count, kind, status?},
   *                                         tokenErrorStatus?: {invalid?, accessDenied?}}
   *   POST /__sim/clock                    {advanceMs?} | {set?} | {frozen?}
   *   POST /__sim/tokens/expire            force every access token to expire
   *   POST /__sim/tokens/revoke            {token?}
   *   POST /__sim/credits                  {budget?, used?}
   *   POST /__sim/edition                  {edition, users?}
   *   POST /__sim/mutate                   a MutateOp; fires notifications
   *   GET  /__sim/notifications            delivered callbacks (POST /__sim/notifications/flush waits for pending ones)
   *   GET  /__sim/records/{module}/{id}    a raw record
   * `match` strings starting with `/` and ending with `/` are read as RegExps.
   */
  async function controlRoutes({ route, body: b }: ControlRequest) {
    switch (route) {
      case 'GET /state':
        return answer({
          now: clock.now(),
          frozen: clock.isFrozen(),
          edition,
          counters: control.counters(),
          faults: { ...faults.config, queued: faults.queue.map((f) => ({ ...f, match: f.match?.toString() })) },
          credentials: credentials(),
          featured: ZOHO_SIM_FEATURED,
          special: ZOHO_SIM_SPECIAL,
        });
      case 'POST /reset':
        if (b.faults !== false) control.resetFaults();
        if (b.counters !== false) control.resetCounters();
        return ok();
      case 'POST /faults': {
        applyFaultRates(b, control);
        queueFaults(b, faults, QUEUED_FAULTS, (f) => (f.status ? { status: f.status as FaultStatus } : {}));
        const fr = b.failRecords as { ids?: string[]; code?: string } | undefined;
        if (fr?.ids && fr.code) control.failRecords(fr.ids, fr.code);
        const te = b.tokenErrorNext as { count?: number; kind?: TokenErrorKind; status?: 200 | 400 } | undefined;
        if (te?.kind) control.tokenErrorNext(num(te.count, 1), te.kind, te.status);
        if (b.tokenErrorStatus) control.setTokenErrorStatus(b.tokenErrorStatus as { invalid?: 200 | 400; accessDenied?: 200 | 400 });
        return ok();
      }
      case 'POST /tokens/expire':
        control.expireAccessTokens();
        return ok();
      case 'POST /tokens/revoke':
        control.revokeRefreshToken(typeof b.token === 'string' ? b.token : undefined);
        return ok();
      case 'POST /credits':
        control.setCredits({
          ...(typeof b.budget === 'number' ? { budget: b.budget } : {}),
          ...(typeof b.used === 'number' ? { used: b.used } : {}),
        });
        return ok({ remaining: ledger.remaining(clock.now()) });
      case 'POST /edition':
        control.setEdition(b.edition as Edition, typeof b.users === 'number' ? b.users : undefined);
        return ok();
      case 'POST /mutate':
        return ok({ record: control.mutate(b as unknown as MutateOp) ?? null });
      case 'GET /notifications':
        return answer({ deliveries: control.notifications() });
      case 'POST /notifications/flush':
        await control.flushNotifications();
        return ok();
      default:
        return recordRoute(route, '\\d+', control.getRecord);
    }
  }

  const server = await startLoopbackServer(handle, opts.port);
  baseUrl = server.baseUrl;

  return {
    url: apiDomain(orgDc),
    accountsUrl: simAccountsServer(baseUrl, orgDc),
    baseUrl,
    dc: orgDc,
    credentials: credentials(),
    featured: ZOHO_SIM_FEATURED,
    special: ZOHO_SIM_SPECIAL,
    control,
    state: { store, clock, oauth, notifier, ledger, concurrency, faults, seeded },
    dcUrls: (dc) => ({ accountsUrl: simAccountsServer(baseUrl, dc), apiDomain: apiDomain(dc) }),
    close: async () => {
      await notifier.flush();
      await server.close();
    },
  };
}

export { DATA_CENTRES, MODULES };
