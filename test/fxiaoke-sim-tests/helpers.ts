/** Shared helpers for the Fxiaoke simulator's conformance tests: start a sim, get tokens, call the gateway. */
import { randomUUID } from 'node:crypto';
import { type FxiaokeSim, type FxiaokeSimOptions, startFxiaokeSim } from '../fxiaoke-sim/index.ts';

/** Response bodies are checked field by field with `expect`, so they are typed loosely. */
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies under test; assertions check their shape.
export type Json = any;

/** A fixed anchor, so dates in assertions are stable. */
export const ANCHOR = Date.parse('2026-11-23T00:00:00Z');

export function start(opts: FxiaokeSimOptions = {}): Promise<FxiaokeSim> {
  return startFxiaokeSim({ now: ANCHOR, frozenClock: true, ...opts });
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

export const trace = () => `thirdTraceId=${randomUUID()}`;

export function post<T = Json>(
  sim: FxiaokeSim,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  query = trace(),
): Promise<Reply<T>> {
  return call<T>(`${sim.url}${path}${query ? `?${query}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** POST the new-style token request; the raw reply. */
export function tokenRequest(sim: FxiaokeSim, over: Record<string, unknown> = {}): Promise<Reply> {
  const c = sim.credentials;
  return post(sim, '/oauth2.0/token', {
    appId: c.appId,
    appSecret: c.appSecret,
    permanentCode: c.permanentCode,
    grantType: 'app_secret',
    ...over,
  });
}

export function oldTokenRequest(sim: FxiaokeSim, over: Record<string, unknown> = {}): Promise<Reply> {
  const c = sim.credentials;
  return post(sim, '/cgi/corpAccessToken/get/V2', { appId: c.appId, appSecret: c.appSecret, permanentCode: c.permanentCode, ...over });
}

export async function accessToken(sim: FxiaokeSim): Promise<string> {
  const r = await tokenRequest(sim);
  if (r.json?.errorCode !== 0) throw new Error(`token: ${r.text}`);
  return r.json.accessToken as string;
}

/** A new-style client bound to a token and an operator. */
export function client(sim: FxiaokeSim, token: string, userId = '1000') {
  const headers = { authorization: `Bearer ${token}`, 'x-fs-ea': sim.credentials.ea, 'x-fs-userid': userId };
  return {
    post: <T = Json>(path: string, body: unknown, extra: Record<string, string> = {}) => post<T>(sim, path, body, { ...headers, ...extra }),
    query: <T = Json>(object: string, sqi: Record<string, unknown>, top: Record<string, unknown> = {}, custom = object.endsWith('__c')) =>
      post<T>(
        sim,
        custom ? '/cgi/crm/custom/v2/data/query' : '/cgi/crm/v2/data/query',
        { ...top, data: { dataObjectApiName: object, search_query_info: { limit: 100, offset: 0, ...sqi } } },
        headers,
      ),
  };
}

/** An old-style client: credentials in the body. */
export function oldClient(sim: FxiaokeSim, corpAccessToken: string, openUserId = sim.credentials.adminOpenUserId) {
  const auth = { corpAccessToken, corpId: sim.credentials.corpId, currentOpenUserId: openUserId };
  return {
    post: <T = Json>(path: string, body: Record<string, unknown>) => post<T>(sim, path, { ...auth, ...body }),
    query: <T = Json>(object: string, sqi: Record<string, unknown>, top: Record<string, unknown> = {}) =>
      post<T>(sim, '/cgi/crm/v2/data/query', {
        ...auth,
        ...top,
        data: { dataObjectApiName: object, search_query_info: { limit: 100, offset: 0, ...sqi } },
      }),
  };
}

export const f = (field_name: string, operator: string, field_values: unknown[]) => ({ field_name, operator, field_values });
