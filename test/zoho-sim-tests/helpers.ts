/** Shared helpers for the simulator's conformance tests: start a sim, mint tokens, call the API. */
import { startZohoSim, type ZohoSim, type ZohoSimOptions } from '../zoho-sim/index.ts';

/** Response bodies are checked field by field with `expect`, so they are typed loosely. */
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies under test; assertions check their shape.
export type Json = any;

/** A fixed anchor, so dates in assertions are stable. */
export const ANCHOR = Date.parse('2026-11-23T00:00:00Z');

export function start(opts: ZohoSimOptions = {}): Promise<ZohoSim> {
  return startZohoSim({ now: ANCHOR, frozenClock: true, accounts: 2100, ...opts });
}

export interface Reply<T = Json> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export async function call<T = Json>(url: string, init: RequestInit = {}): Promise<Reply<T>> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as T };
}

/** POST the refresh_token grant as a form body; the raw reply. */
export function refresh(sim: ZohoSim, over: Record<string, string> = {}, tokenUrl = sim.credentials.tokenUrl): Promise<Reply<Json>> {
  const c = sim.credentials;
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: c.clientId,
    client_secret: c.clientSecret,
    refresh_token: c.refreshToken,
    ...over,
  });
  return call(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
}

/** A fresh access token (counts against the 10-per-10-minutes limit). */
export async function accessToken(sim: ZohoSim): Promise<string> {
  const r = await refresh(sim);
  if (r.status !== 200 || typeof r.json?.access_token !== 'string') throw new Error(`token: ${r.status} ${r.text}`);
  return r.json.access_token as string;
}

/** An API client bound to one token. */
export function client(sim: ZohoSim, token: string) {
  const auth = { authorization: `Zoho-oauthtoken ${token}` };
  return {
    get: <T = Json>(path: string, headers: Record<string, string> = {}) =>
      call<T>(`${sim.url}/crm/v8${path}`, { headers: { ...auth, ...headers } }),
    send: <T = Json>(method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      call<T>(`${sim.url}/crm/v8${path}`, {
        method,
        headers: { ...auth, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    coql: <T = Json>(select_query: string, extra: Record<string, unknown> = {}) =>
      call<T>(`${sim.url}/crm/v8/coql`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ select_query, ...extra }),
      }),
  };
}
