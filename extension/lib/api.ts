/**
 * The TierLens worker's HTTP API, as the background calls it. Only the background imports
 * this file: it owns every network call. Failures become a `UiError` whose `kind` the UI
 * explains; nothing here throws anything else.
 */
import type { Classification, Lang } from '../../shared/schema.ts';
import type { LookupResult, UiError, UiErrorKind } from './protocol.ts';

export interface ApiConfig {
  workerUrl: string;
  apiKey: string;
}

export class ApiFailure extends Error {
  constructor(readonly error: UiError) {
    super(error.message);
  }
}

/** The worker's error codes (worker/errors.ts) and statuses, as the UI tells them apart. */
export function kindOf(status: number, code?: string): UiErrorKind {
  if (code === 'crm_unavailable' || code === 'crm_timeout' || code === 'crm_auth') return 'crm';
  if (status === 400 || status === 413 || status === 428) return 'invalid';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 504) return 'crm';
  return 'internal';
}

const TIMEOUT_MS = 15_000;
/** The worker accepts up to 1,000 ids per lookup. */
export const LOOKUP_CHUNK = 1000;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT';
  body?: unknown;
  headers?: Record<string, string>;
  lang?: Lang;
  /** No `Authorization` header (GET /health). */
  anonymous?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
}

/** Calls the worker; throws `ApiFailure` for every failure, network or HTTP. */
export async function callApi<T>(cfg: ApiConfig, path: string, req: ApiRequest = {}): Promise<ApiResponse<T>> {
  if (!req.anonymous && !cfg.apiKey) {
    throw new ApiFailure({ kind: 'not_configured', message: 'No API key is set' });
  }
  const url = new URL(cfg.workerUrl.replace(/\/+$/, '') + path);
  if (req.lang) url.searchParams.set('lang', req.lang);
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  if (!req.anonymous) headers.authorization = `Bearer ${cfg.apiKey}`;
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method ?? 'GET',
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiFailure({ kind: 'unreachable', message: `Cannot reach ${url.origin}: ${e instanceof Error ? e.message : String(e)}` });
  }
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const env = (json as { error?: { code?: string; message?: string; details?: unknown; requestId?: string } } | undefined)?.error;
    throw new ApiFailure({
      kind: kindOf(res.status, env?.code),
      status: res.status,
      message: env?.message ?? `HTTP ${res.status}`,
      ...(env?.details !== undefined ? { details: env.details } : {}),
      ...(env?.requestId ? { requestId: env.requestId } : {}),
    });
  }
  if (json === undefined) {
    throw new ApiFailure({ kind: 'internal', status: res.status, message: 'The worker answered with something that is not JSON' });
  }
  return { data: json as T, headers: res.headers };
}

export async function getAccount(cfg: ApiConfig, crm: string, id: string, lang: Lang): Promise<Classification> {
  const path = `/v1/accounts/${encodeURIComponent(crm)}/${encodeURIComponent(id)}`;
  return (await callApi<Classification>(cfg, path, { lang })).data;
}

/** Many ids, in as few requests as the worker allows (one per 1,000 ids). */
export async function lookupAccounts(cfg: ApiConfig, crm: string, ids: readonly string[], lang: Lang): Promise<LookupResult> {
  const out: LookupResult = { results: {}, missing: [], unavailable: [] };
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const chunk = ids.slice(i, i + LOOKUP_CHUNK);
    const path = `/v1/accounts/${encodeURIComponent(crm)}/lookup`;
    const { data } = await callApi<LookupResult>(cfg, path, { method: 'POST', body: { ids: chunk }, lang });
    Object.assign(out.results, data.results);
    out.missing.push(...(data.missing ?? []));
    out.unavailable?.push(...(data.unavailable ?? []));
  }
  return out;
}
