/**
 * The plumbing of the simulators' control side: the in-process `control` object's clock and
 * fault-rate methods, and the `/__sim/*` HTTP API (JSON in, JSON out) for processes that cannot
 * hold that object (the worker under `wrangler dev`).
 */
import type { IncomingMessage } from 'node:http';
import type { FaultQueue, FaultRates, QueuedFault } from './faults.ts';
import { readBody } from './http.ts';
import type { SimClock } from './time.ts';

export interface ClockControl {
  now(): number;
  advanceTime(ms: number): void;
  setTime(ms: number): void;
  freezeClock(frozen: boolean): void;
}

export function clockControl(clock: SimClock): ClockControl {
  return {
    now: () => clock.now(),
    advanceTime: (ms) => clock.advance(ms),
    setTime: (ms) => clock.set(ms),
    freezeClock: (frozen) => clock.freeze(frozen),
  };
}

export interface FaultOptions {
  /** Which calls: an endpoint key or a RegExp over it; default: any business call. */
  match?: string | RegExp;
}

/** Fault settings every simulator has; `Rates` is its per-call error probabilities. */
export interface FaultControl<Rates> {
  setLatency(ms: number | [number, number]): void;
  setErrorRates(rates: Rates): void;
  setHangRate(p: number): void;
  setMalformedRate(p: number): void;
  hangNext(count: number, opts?: FaultOptions): void;
  malformedNext(count: number, opts?: FaultOptions): void;
}

export function faultControl<F extends QueuedFault, C extends FaultRates & { errorRates: object }>(
  faults: FaultQueue<F, C>,
): FaultControl<C['errorRates']> {
  return {
    setLatency: (ms) => {
      faults.config.latencyMs = ms;
    },
    setErrorRates: (rates) => {
      faults.config.errorRates = { ...rates };
    },
    setHangRate: (p) => {
      faults.config.hangRate = p;
    },
    setMalformedRate: (p) => {
      faults.config.malformedRate = p;
    },
    hangNext: (n, o) => faults.enqueue(queued('hang', n, o) as F),
    malformedNext: (n, o) => faults.enqueue(queued('malformed', n, o) as F),
  };
}

/** A fault for the next `count` calls (matching `opts.match`, when given). */
export function queued<K extends string>(kind: K, count: number, opts?: FaultOptions): QueuedFault<K> {
  return { kind, remaining: count, ...(opts?.match ? { match: opts.match } : {}) };
}

// ---------------------------------------------------------------- /__sim/*

/** The path below `/__sim` of a control request; undefined for any other path. */
export function controlPath(pathname: string): string | undefined {
  return pathname === '/__sim' || pathname.startsWith('/__sim/') ? pathname.slice('/__sim'.length) : undefined;
}

export interface ControlAnswer {
  status: number;
  body: unknown;
}

export const answer = (body: unknown, status = 200): ControlAnswer => ({ status, body });
export const ok = (extra: Record<string, unknown> = {}): ControlAnswer => answer({ ok: true, ...extra });

/** The JSON body's number at `x`, else `d`. */
export const num = (x: unknown, d = 0): number => (typeof x === 'number' ? x : d);

/** `match` of a fault in a control body: strings written `/.../flags` are RegExps. */
export function faultMatch(x: unknown): FaultOptions {
  const mm = (x as { match?: unknown } | undefined)?.match;
  if (typeof mm !== 'string') return {};
  const re = /^\/(.*)\/([a-z]*)$/.exec(mm);
  return { match: re ? new RegExp(re[1] as string, re[2]) : mm };
}

/** `POST /__sim/faults`: the settings every simulator takes (latencyMs, errorRates, hangRate, malformedRate). */
export function applyFaultRates<Rates>(b: Record<string, unknown>, control: FaultControl<Rates>): void {
  if (b.latencyMs !== undefined) control.setLatency(b.latencyMs as FaultRates['latencyMs']);
  if (b.errorRates !== undefined) control.setErrorRates(b.errorRates as Rates);
  if (b.hangRate !== undefined) control.setHangRate(num(b.hangRate));
  if (b.malformedRate !== undefined) control.setMalformedRate(num(b.malformedRate));
}

/**
 * `POST /__sim/faults`: each `{[field]: {count?, match?, ...}}` queues `count` (default 1) faults
 * of the field's kind; `details` adds what the kind needs from the spec (a status, an errorCode).
 */
export function queueFaults<F extends QueuedFault>(
  b: Record<string, unknown>,
  faults: FaultQueue<F, FaultRates>,
  fields: readonly (readonly [string, F['kind']])[],
  details: (spec: Record<string, unknown>, kind: F['kind']) => Partial<F>,
): void {
  for (const [field, kind] of fields) {
    const spec = b[field] as Record<string, unknown> | undefined;
    if (!spec) continue;
    faults.enqueue({ kind, remaining: num(spec.count, 1), ...details(spec, kind), ...faultMatch(spec) } as F);
  }
}

/** `GET /__sim/records/{type}/{id}`: a raw record or 404; undefined for another route. `id` is a RegExp source. */
export function recordRoute(route: string, id: string, get: (type: string, id: string) => unknown): ControlAnswer | undefined {
  const m = new RegExp(`^GET /records/([A-Za-z_]+)/(${id})$`).exec(route);
  if (!m) return undefined;
  const r = get(m[1] as string, m[2] as string);
  return r ? answer(r) : answer({ error: 'no such record' }, 404);
}

export interface ControlRequest {
  /** Method and path below `/__sim`, e.g. `POST /faults`. */
  route: string;
  /** The JSON body ({} when there is none). */
  body: Record<string, unknown>;
}

/** A simulator's own control routes: the answer, or undefined when there is no such route. */
export type ControlRoutes = (request: ControlRequest) => ControlAnswer | undefined | Promise<ControlAnswer | undefined>;

/**
 * One `/__sim/*` request. A body that is not JSON answers 400; `POST /clock` ({advanceMs?} |
 * {set?} | {frozen?}) is answered here, every other route by `routes`; an unknown route answers
 * 404, and a route that throws 400 with the message. `send` writes the answer the simulator's way.
 */
export async function serveControl(
  req: IncomingMessage,
  path: string,
  send: (status: number, body: unknown) => void,
  clock: ClockControl,
  routes: ControlRoutes,
): Promise<void> {
  const raw = await readBody(req);
  let body: Record<string, unknown> = {};
  try {
    body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return send(400, { error: 'body is not JSON' });
  }
  const route = `${req.method} ${path}`;
  try {
    const a = route === 'POST /clock' ? clockRoute(body, clock) : await routes({ route, body });
    if (a) return send(a.status, a.body);
    return send(404, { error: `unknown control endpoint ${req.method} /__sim${path}` });
  } catch (err) {
    return send(400, { error: err instanceof Error ? err.message : String(err) });
  }
}

function clockRoute(b: Record<string, unknown>, control: ClockControl): ControlAnswer {
  if (typeof b.advanceMs === 'number') control.advanceTime(b.advanceMs);
  if (typeof b.set === 'number') control.setTime(b.set);
  if (typeof b.frozen === 'boolean') control.freezeClock(b.frozen);
  return ok({ now: control.now() });
}
