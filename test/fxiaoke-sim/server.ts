/**
 * The 纷享销客 (Fxiaoke) open API simulator: one loopback HTTP server playing a tenant's cloud
 * gateway (`open.fxiaoke.com` or another cloud's `open-*` host): both token endpoints, the object
 * data endpoints, limits, data permissions and fault injection, plus a JSON control API under
 * `/__sim/` for processes that cannot hold the in-process `control` object (the worker under
 * `wrangler dev`). README.md in this folder has the endpoint table with sources (S1..S9 are the
 * sources of /work/shared/crm/fxiaoke.md) and the list of guesses.
 */
import { randomUUID } from 'node:crypto';
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
import { type AppCredentials, type AuthGeneration, TokenServer } from './auth.ts';
import { type Envelope, envelopeFor, fxErrors } from './errors.ts';
import { type FaultKind, Faults, GATEWAY_502 } from './faults.ts';
import { DailyQuota, EndpointWindows } from './limits.ts';
import { type Caller, describeObject, get, listObjects, type QueryContext, type QueryStats, query } from './query.ts';
import { OBJECTS } from './schema.ts';
import {
  DEFAULT_ACCOUNT_COUNT,
  DEFAULT_SEED,
  type Employee,
  FXIAOKE_SIM_FEATURED,
  FXIAOKE_SIM_SPECIAL,
  type SeededTenant,
  seedTenant,
} from './seed.ts';
import { type FxRecord, RecordStore } from './store.ts';

export interface FxiaokeSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** PRNG seed for the tenant, the credentials and probabilistic faults. */
  seed?: number;
  /** Number of customers (default 2,200). */
  accounts?: number;
  /** The data anchor (epoch ms); default: the start of the current UTC day. */
  now?: number;
  /** Where the simulator clock starts; default: `now` when given, else the current time. */
  clockStart?: number;
  /** Freeze the clock (it moves only through `control.advanceTime`); default false. */
  frozenClock?: boolean;
  /** Per-endpoint limit: calls per window (default 60 per 20 s, S2). */
  rateLimit?: { limit?: number; windowMs?: number };
  /** Daily quota (default 100,000). */
  dailyQuota?: number;
}

export interface FxiaokeSimCredentials extends AppCredentials {
  /** The gateway origin: the connector's `baseUrl` (in reality `https://open.fxiaoke.com` or another cloud's host). */
  baseUrl: string;
  /** The administrator's CRM employee id (new-style `x-fs-userid`). */
  adminUserId: string;
  /** The administrator's open user id (old-style `currentOpenUserId`). */
  adminOpenUserId: string;
}

export interface SimCounters {
  /** Requests per endpoint key, e.g. `POST /cgi/crm/v2/data/query`, `POST /oauth2.0/token`. */
  calls: Record<string, number>;
  /** Business calls (everything under /cgi/crm/). */
  apiCalls: number;
  /** Calls to either token endpoint. */
  tokenRequests: number;
  /** New tokens issued (a reissue of the same token within 6,600 s is not a mint). */
  tokenMints: number;
  tokenRefusals: { rate: number; concurrent: number };
  /** Most token calls being handled at the same moment. */
  peakTokenConcurrency: number;
  /** Non-zero errorCodes answered, by code. */
  errorCodes: Record<string, number>;
  rejected: { rateLimited: number; dailyQuota: number; noQuota: number };
  faultsInjected: number;
  /** Most calls accepted inside one rate window, per endpoint. */
  peakWindowCalls: Record<string, number>;
  /** Calls without a `thirdTraceId`, and calls reusing one seen before. */
  traceIds: { missing: number; reused: number };
  paging: { maxOffset: number; idCursorQueries: number; rowsReturned: number };
  quotaRemaining: number;
}

export interface RequestLogEntry {
  key: string;
  at: number;
  generation?: AuthGeneration;
  userId?: string;
  thirdTraceId: string | null;
  errorCode: number;
  /** The request's `data` member (queries: object, search_query_info). */
  data?: unknown;
  stats?: QueryStats;
}

export type { FaultOptions };

export type MutateOp =
  | { op: 'insert'; object: string; values: Record<string, unknown>; by?: string }
  | { op: 'update'; object: string; id: string; values: Record<string, unknown>; by?: string };

/** `setErrorRates` takes per-call probabilities of errorCodes, e.g. {"-1": 0.1, "50009": 0.05}. */
export interface SimControl extends ClockControl, FaultControl<Record<string, number>> {
  /** Extra delay on the token endpoints, so concurrent token calls overlap. */
  setTokenLatency(ms: number): void;
  /** The next n matching calls answer HTTP 200 with this errorCode. */
  failNext(count: number, code: number, opts?: FaultOptions): void;
  /** The next n matching calls get HTTP 502 with an HTML page (a proxy in front of the gateway). */
  gatewayErrorNext(count: number, opts?: FaultOptions): void;
  /** Every token issued so far stops working. */
  expireTokens(): void;
  /** How the business endpoints report an expired token: 20016 (default) or 20005. */
  setExpiredTokenCode(code: 20016 | 20005): void;
  setRateLimit(opts: { limit?: number; windowMs?: number }): void;
  setTokenCallsPerMinute(n: number): void;
  setDailyQuota(opts: { budget?: number; used?: number; purchased?: boolean }): void;
  resetFaults(): void;
  resetCounters(): void;
  /** Forget rate-window and token-window history (a fresh minute and a fresh 20 s for every endpoint). */
  resetWindows(): void;
  counters(): SimCounters;
  requests(): RequestLogEntry[];

  mutate(op: MutateOp): FxRecord;
  getRecord(object: string, id: string): FxRecord | undefined;
  credentials(): FxiaokeSimCredentials;
  employees(): Employee[];
}

export interface FxiaokeSim {
  /** The gateway origin (put it in the connector's `baseUrl`). */
  url: string;
  credentials: FxiaokeSimCredentials;
  featured: typeof FXIAOKE_SIM_FEATURED;
  special: typeof FXIAOKE_SIM_SPECIAL;
  control: SimControl;
  state: {
    store: RecordStore;
    clock: SimClock;
    tokens: TokenServer;
    windows: EndpointWindows;
    quota: DailyQuota;
    faults: Faults;
    seeded: SeededTenant;
  };
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json;charset=UTF-8';
const TOKEN_NEW = 'POST /oauth2.0/token';
const TOKEN_OLD = 'POST /cgi/corpAccessToken/get/V2';
const LOG_LIMIT = 5000;
/** `POST /__sim/faults` fields and the faults they queue. */
const QUEUED_FAULTS = [
  ['failNext', 'error'],
  ['hangNext', 'hang'],
  ['malformedNext', 'malformed'],
  ['gatewayErrorNext', 'gateway'],
] as const satisfies readonly (readonly [string, FaultKind])[];

type Handler = (body: Record<string, unknown>, caller: Caller) => { envelope: Envelope; stats?: QueryStats };

export async function startFxiaokeSim(opts: FxiaokeSimOptions = {}): Promise<FxiaokeSim> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const anchor = opts.now ?? startOfUtcDay(Date.now());
  const clock = new SimClock(opts.clockStart ?? opts.now ?? Date.now(), opts.frozenClock ?? false);
  const credRng = new Rng(seed ^ 0x0c4e_d5);
  const seeded = seedTenant({ seed, accounts: opts.accounts ?? DEFAULT_ACCOUNT_COUNT, anchor });
  const store = new RecordStore();
  for (const [object, records] of Object.entries(seeded.objects)) store.load(object, records);
  const employees = seeded.employees;
  const admin = employees.find((e) => e.admin) as Employee;
  const creds: AppCredentials = {
    appId: `FSAID_${credRng.hex(8)}`,
    appSecret: credRng.hex(32),
    permanentCode: credRng.hex(32).toUpperCase(),
    ea: `fs${credRng.int(100_000, 999_999)}`,
    corpId: `FSCID_${credRng.hex(32).toUpperCase()}`,
  };
  const tokens = new TokenServer(new Rng(seed ^ 0x70c3), creds);
  const windows = new EndpointWindows();
  if (opts.rateLimit?.limit !== undefined) windows.limit = opts.rateLimit.limit;
  if (opts.rateLimit?.windowMs !== undefined) windows.windowMs = opts.rateLimit.windowMs;
  const quota = new DailyQuota();
  if (opts.dailyQuota !== undefined) quota.budget = opts.dailyQuota;
  const faults = new Faults(new Rng(seed ^ 0xfa17));
  const qctx: QueryContext = { store, employees };

  const fresh = (): SimCounters => ({
    calls: {},
    apiCalls: 0,
    tokenRequests: 0,
    tokenMints: 0,
    tokenRefusals: { rate: 0, concurrent: 0 },
    peakTokenConcurrency: 0,
    errorCodes: {},
    rejected: { rateLimited: 0, dailyQuota: 0, noQuota: 0 },
    faultsInjected: 0,
    peakWindowCalls: {},
    traceIds: { missing: 0, reused: 0 },
    paging: { maxOffset: 0, idCursorQueries: 0, rowsReturned: 0 },
    quotaRemaining: 0,
  });
  let counters = fresh();
  let mintsAtReset = 0;
  let log: RequestLogEntry[] = [];
  const seenTraceIds = new Set<string>();
  let tokenActive = 0;
  let baseUrl = '';

  const routes: Record<string, Handler> = {
    'POST /cgi/crm/v2/data/query': (b, c) => query(b, false, c, qctx),
    'POST /cgi/crm/custom/v2/data/query': (b, c) => query(b, true, c, qctx),
    'POST /cgi/crm/v2/data/get': (b, c) => ({ envelope: get(b, false, c, qctx) }),
    'POST /cgi/crm/custom/v2/data/get': (b, c) => ({ envelope: get(b, true, c, qctx) }),
    'POST /cgi/crm/v2/object/list': () => ({ envelope: listObjects() }),
    'POST /cgi/crm/v2/object/describe': (b) => ({ envelope: describeObject(b) }),
  };

  function send(res: ServerResponse, status: number, body: string, type = JSON_TYPE): void {
    if (res.destroyed) return;
    sendText(res, status, body, { 'content-type': type });
  }

  function traceOf(query: URLSearchParams, user: string): { thirdTraceId: string | null; traceId: string } {
    const thirdTraceId = query.get('thirdTraceId');
    if (!thirdTraceId) counters.traceIds.missing += 1;
    else if (seenTraceIds.has(thirdTraceId)) counters.traceIds.reused += 1;
    else seenTraceIds.add(thirdTraceId);
    return { thirdTraceId, traceId: `E-O.${creds.ea}.${user}-${(thirdTraceId ?? randomUUID()).replaceAll('-', '').slice(0, 16)}` };
  }

  function record(entry: RequestLogEntry): void {
    log.push(entry);
    if (log.length > LOG_LIMIT) log = log.slice(-LOG_LIMIT);
    if (entry.errorCode !== 0) tally(counters.errorCodes, String(entry.errorCode));
  }

  /** Hang, gateway error or errorCode fault for this call; true when the call was consumed. */
  async function injectFaults(res: ServerResponse, key: string, isApi: boolean, traceId: string, entry: RequestLogEntry): Promise<boolean> {
    if (faults.take('hang', key, isApi) || (isApi && faults.randomHang())) {
      counters.faultsInjected += 1;
      record({ ...entry, errorCode: -999 });
      await closed(res);
      return true;
    }
    if (faults.take('gateway', key, isApi)) {
      counters.faultsInjected += 1;
      record({ ...entry, errorCode: -502 });
      send(res, 502, GATEWAY_502, 'text/html');
      return true;
    }
    const code = faults.take('error', key, isApi)?.code ?? (isApi ? faults.randomCode() : undefined);
    if (code !== undefined) {
      counters.faultsInjected += 1;
      const envelope = { ...envelopeFor(code), traceId };
      record({ ...entry, errorCode: code });
      send(res, 200, JSON.stringify(envelope));
      return true;
    }
    return false;
  }

  function reply(res: ServerResponse, key: string, isApi: boolean, envelope: Envelope): void {
    if (faults.take('malformed', key, isApi) || (isApi && envelope.errorCode === 0 && faults.randomMalformed())) {
      counters.faultsInjected += 1;
      const text = JSON.stringify(envelope);
      send(res, 200, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      return;
    }
    send(res, 200, JSON.stringify(envelope));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const controlRoute = controlPath(path);
    if (controlRoute !== undefined)
      return serveControl(req, controlRoute, (status, body) => send(res, status, JSON.stringify(body)), control, controlRoutes);
    const method = req.method ?? 'GET';
    const key = `${method} ${path}`;
    tally(counters.calls, key);
    if (path === '/oauth2.0/token' || path === '/cgi/corpAccessToken/get/V2')
      return handleToken(req, res, key, path === '/oauth2.0/token' ? 'new' : 'old', url);
    if (path.startsWith('/cgi/')) return handleApi(req, res, key, url);
    // Not the gateway: S1 probed www.fxiaoke.com/cgi/... -> 302 to an HTML page; anything else here answers likewise.
    res.writeHead(302, { location: 'https://www.fxiaoke.com/messageform/website/html/home.html', 'content-type': 'text/html' });
    res.end('<html><body>302 Found</body></html>');
  }

  // ---------------------------------------------------------------- token endpoints

  async function handleToken(req: IncomingMessage, res: ServerResponse, key: string, generation: AuthGeneration, url: URL): Promise<void> {
    counters.tokenRequests += 1;
    tokenActive += 1;
    counters.peakTokenConcurrency = Math.max(counters.peakTokenConcurrency, tokenActive);
    try {
      const raw = await readBody(req);
      const { thirdTraceId, traceId } = traceOf(url.searchParams, 'token');
      const entry: RequestLogEntry = { key, at: clock.now(), generation, thirdTraceId, errorCode: 0 };
      if (req.method !== 'POST') {
        record({ ...entry, errorCode: 32000 });
        return send(res, 200, JSON.stringify({ ...fxErrors.param('请使用 POST'), traceId }));
      }
      let body: Record<string, unknown> = {};
      try {
        const parsed: unknown = raw ? JSON.parse(raw) : {};
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch {
        body = {};
      }
      // 10 calls a minute, and never two at once (S1 auth §4); both refusals answer 14001 (guess).
      if (!tokens.admit(clock.now())) {
        counters.tokenRefusals.rate += 1;
        record({ ...entry, errorCode: 14001 });
        return send(res, 200, JSON.stringify({ ...fxErrors.callLimit(), traceId }));
      }
      if (tokenActive > 1) {
        counters.tokenRefusals.concurrent += 1;
        record({ ...entry, errorCode: 14001 });
        return send(res, 200, JSON.stringify({ ...fxErrors.callLimit(), errorDescription: '换取token接口不能并发调用', traceId }));
      }
      await delay(faults.latency() + faults.config.tokenLatencyMs, res);
      if (res.destroyed) return;
      if (await injectFaults(res, key, false, traceId, entry)) return;
      const envelope = tokens.issue(generation, body, clock.now(), traceId);
      record({ ...entry, errorCode: envelope.errorCode });
      reply(res, key, false, envelope);
    } finally {
      tokenActive -= 1;
    }
  }

  // ---------------------------------------------------------------- business endpoints

  /** Who is calling: the token, the enterprise and the operator, in the new (headers) or old (body) style. */
  function authenticate(req: IncomingMessage, body: Record<string, unknown>): { caller: Caller; generation: AuthGeneration } | Envelope {
    const now = clock.now();
    const authz = req.headers.authorization;
    const expired = () => (tokens.expiredCode === 20005 ? fxErrors.tokenExpired() : fxErrors.badToken());
    if (typeof authz === 'string' && authz.trim() !== '') {
      const m = /^Bearer (\S+)$/.exec(authz.trim());
      if (!m) return fxErrors.badToken();
      const state = tokens.check(m[1] as string, 'new', now);
      if (state === 'unknown') return fxErrors.badToken();
      if (state === 'expired') return expired();
      if (req.headers['x-fs-ea'] !== creds.ea) return fxErrors.badToken();
      const userId = req.headers['x-fs-userid'];
      if (typeof userId !== 'string' || userId === '') return fxErrors.missingUser();
      const employee = employees.find((e) => e.id === userId);
      if (!employee) return fxErrors.employeeNotFound();
      return { caller: { employee, convertUserId: body.convertUserId === true }, generation: 'new' };
    }
    const token = body.corpAccessToken;
    if (typeof token !== 'string' || token === '') return fxErrors.missingAuth();
    if (typeof body.corpId !== 'string' || body.corpId === '') return fxErrors.missingCorpId();
    const state = tokens.check(token, 'old', now);
    if (state === 'unknown' || body.corpId !== creds.corpId) return fxErrors.badToken();
    if (state === 'expired') return expired();
    const openUserId = body.currentOpenUserId;
    if (typeof openUserId !== 'string' || openUserId === '') return fxErrors.missingUser();
    const employee = employees.find((e) => e.openUserId === openUserId);
    if (!employee) return fxErrors.openUserIdNotFound();
    return { caller: { employee, convertUserId: body.convertUserId !== false }, generation: 'old' };
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, key: string, url: URL): Promise<void> {
    counters.apiCalls += 1;
    const raw = await readBody(req);
    let body: Record<string, unknown> | undefined;
    let badJson = false;
    try {
      const parsed: unknown = raw.trim() ? JSON.parse(raw) : undefined;
      if (parsed !== undefined) {
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
        else badJson = true;
      }
    } catch {
      badJson = true;
    }
    const headerUser = typeof req.headers['x-fs-userid'] === 'string' ? req.headers['x-fs-userid'] : 'null';
    const { thirdTraceId, traceId } = traceOf(url.searchParams, headerUser);
    const entry: RequestLogEntry = { key, at: clock.now(), thirdTraceId, errorCode: 0, data: body?.data };
    const fail = (envelope: Envelope, extra: Partial<RequestLogEntry> = {}) => {
      record({ ...entry, ...extra, errorCode: envelope.errorCode });
      send(res, 200, JSON.stringify({ ...envelope, traceId }));
    };
    await delay(faults.latency(), res);
    if (res.destroyed) return;

    const auth = authenticate(req, body ?? {});
    if ('errorCode' in auth) return fail(auth);
    const who = { generation: auth.generation, userId: auth.caller.employee.id };
    const route = routes[key];
    if (!route) {
      const wrongMethod = Object.keys(routes).some((k) => k.endsWith(` ${url.pathname}`));
      return fail(wrongMethod ? fxErrors.param('请使用 POST') : fxErrors.unknownPath(url.pathname), who);
    }
    if (!quota.purchased) {
      counters.rejected.noQuota += 1;
      return fail(fxErrors.noQuota(), who);
    }
    const now = clock.now();
    if (!windows.take(url.pathname, now)) {
      counters.rejected.rateLimited += 1;
      return fail(fxErrors.callLimit(), who);
    }
    if (!quota.take(now)) {
      counters.rejected.dailyQuota += 1;
      return fail(fxErrors.dailyQuota(), who);
    }
    if (await injectFaults(res, key, true, traceId, { ...entry, ...who })) return;
    if (badJson) return fail(fxErrors.param('请求体不是合法的JSON'), who);
    if (!body) return fail(fxErrors.emptyBody(), who);
    const { envelope, stats } = route(body, auth.caller);
    if (stats) {
      counters.paging.maxOffset = Math.max(counters.paging.maxOffset, stats.offset);
      if (stats.idCursor) counters.paging.idCursorQueries += 1;
      counters.paging.rowsReturned += stats.rows;
    }
    record({ ...entry, ...who, errorCode: envelope.errorCode, ...(stats ? { stats } : {}) });
    reply(res, key, true, { ...envelope, traceId });
  }

  // ---------------------------------------------------------------- control

  const control: SimControl = {
    ...clockControl(clock),
    ...faultControl(faults),
    setTokenLatency: (ms) => {
      faults.config.tokenLatencyMs = ms;
    },
    failNext: (n, code, o) => faults.enqueue({ kind: 'error', remaining: n, code, ...(o?.match ? { match: o.match } : {}) }),
    gatewayErrorNext: (n, o) => faults.enqueue(queued('gateway', n, o)),
    expireTokens: () => tokens.expireAll(clock.now()),
    setExpiredTokenCode: (code) => {
      tokens.expiredCode = code;
    },
    setRateLimit: (o) => {
      if (o.limit !== undefined) windows.limit = o.limit;
      if (o.windowMs !== undefined) windows.windowMs = o.windowMs;
    },
    setTokenCallsPerMinute: (n) => {
      tokens.callsPerMinute = n;
    },
    setDailyQuota: (o) => {
      if (o.budget !== undefined) quota.budget = o.budget;
      if (o.used !== undefined) quota.setUsed(clock.now(), o.used);
      if (o.purchased !== undefined) quota.purchased = o.purchased;
    },
    resetFaults: () => {
      faults.reset();
      tokens.expiredCode = 20016;
    },
    resetCounters: () => {
      counters = fresh();
      mintsAtReset = tokens.mints;
      log = [];
      windows.resetPeaks();
    },
    resetWindows: () => {
      windows.reset();
      tokens.resetWindow();
    },
    counters: () => ({
      ...snapshot(counters),
      tokenMints: tokens.mints - mintsAtReset,
      peakWindowCalls: Object.fromEntries(windows.peak),
      quotaRemaining: quota.remaining(clock.now()),
    }),
    requests: () => [...log],
    mutate: (op) => {
      if (!OBJECTS[op.object]) throw new Error(`unknown object ${op.object}`);
      const by = op.by ?? admin.id;
      if (op.op === 'insert') return store.insert(op.object, op.values, clock.now(), by);
      return store.update(op.object, op.id, op.values, clock.now(), by);
    },
    getRecord: (object, id) => store.get(object, id),
    credentials: () => credentials(),
    employees: () => employees.map((e) => ({ ...e })),
  };

  function credentials(): FxiaokeSimCredentials {
    return { ...creds, baseUrl, adminUserId: admin.id, adminOpenUserId: admin.openUserId };
  }

  /**
   * `/__sim/*` (JSON in, JSON out; `POST /__sim/clock` and the errors are sim-kit's `serveControl`):
   *   GET  /__sim/state                 counters, clock, faults, limits, credentials, featured ids
   *   GET  /__sim/requests              the request log (most recent 5,000)
   *   POST /__sim/reset                 {faults?, counters?, windows?} (all by default)
   *   POST /__sim/faults                {latencyMs?, tokenLatencyMs?, errorRates?, hangRate?, malformedRate?,
   *                                      failNext?: {count, code, match?}, hangNext?: {count, match?},
   *                                      malformedNext?: {count, match?}, gatewayErrorNext?: {count, match?}}
   *   POST /__sim/clock                 {advanceMs?} | {set?} | {frozen?}
   *   POST /__sim/tokens/expire         every token stops working; {code?: 20016|20005} sets the expiry code
   *   POST /__sim/limits                {limit?, windowMs?, tokenCallsPerMinute?, dailyBudget?, dailyUsed?, purchased?}
   *   POST /__sim/mutate                a MutateOp
   *   GET  /__sim/records/{object}/{id} a raw record
   * `match` strings written `/.../` are RegExps.
   */
  function controlRoutes({ route, body: b }: ControlRequest) {
    switch (route) {
      case 'GET /state':
        return answer({
          now: clock.now(),
          frozen: clock.isFrozen(),
          counters: control.counters(),
          faults: { ...faults.config, queued: faults.queue.map((f) => ({ ...f, match: f.match?.toString() })) },
          limits: {
            limit: windows.limit,
            windowMs: windows.windowMs,
            tokenCallsPerMinute: tokens.callsPerMinute,
            dailyBudget: quota.budget,
            purchased: quota.purchased,
          },
          credentials: credentials(),
          employees: control.employees(),
          featured: FXIAOKE_SIM_FEATURED,
          special: FXIAOKE_SIM_SPECIAL,
        });
      case 'GET /requests':
        return answer({ requests: control.requests() });
      case 'POST /reset':
        if (b.faults !== false) control.resetFaults();
        if (b.counters !== false) control.resetCounters();
        if (b.windows !== false) control.resetWindows();
        return ok();
      case 'POST /faults': {
        applyFaultRates(b, control);
        if (b.tokenLatencyMs !== undefined) control.setTokenLatency(num(b.tokenLatencyMs));
        queueFaults(b, faults, QUEUED_FAULTS, (f, kind) => {
          if (kind !== 'error') return {};
          if (typeof f.code !== 'number') throw new Error('failNext needs a numeric code');
          return { code: f.code };
        });
        return ok();
      }
      case 'POST /tokens/expire':
        if (b.code === 20005 || b.code === 20016) control.setExpiredTokenCode(b.code);
        control.expireTokens();
        return ok();
      case 'POST /limits':
        control.setRateLimit({
          ...(typeof b.limit === 'number' ? { limit: b.limit } : {}),
          ...(typeof b.windowMs === 'number' ? { windowMs: b.windowMs } : {}),
        });
        if (typeof b.tokenCallsPerMinute === 'number') control.setTokenCallsPerMinute(b.tokenCallsPerMinute);
        control.setDailyQuota({
          ...(typeof b.dailyBudget === 'number' ? { budget: b.dailyBudget } : {}),
          ...(typeof b.dailyUsed === 'number' ? { used: b.dailyUsed } : {}),
          ...(typeof b.purchased === 'boolean' ? { purchased: b.purchased } : {}),
        });
        return ok({ quotaRemaining: quota.remaining(clock.now()) });
      case 'POST /mutate':
        return ok({ record: control.mutate(b as unknown as MutateOp) });
      default:
        return recordRoute(route, '[0-9a-f]+', control.getRecord);
    }
  }

  const server = await startLoopbackServer(handle, opts.port);
  baseUrl = server.baseUrl;

  return {
    url: baseUrl,
    credentials: credentials(),
    featured: FXIAOKE_SIM_FEATURED,
    special: FXIAOKE_SIM_SPECIAL,
    control,
    state: { store, clock, tokens, windows, quota, faults, seeded },
    close: () => server.close(),
  };
}

export { TOKEN_NEW, TOKEN_OLD };
