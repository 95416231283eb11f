/**
 * The gateway answers HTTP 200 for everything; the outcome is `errorCode` (0 = success), and
 * `errorMessage` must not be parsed (fxiaoke.md §2). Each non-zero code becomes a ConnectorError
 * whose kind decides what the worker does and whose message tells an admin what to fix
 * (fxiaoke.md §4; the doc table and the probed codes of S1 errors-and-limits §2-3):
 *
 * | codes | kind | what the client does |
 * |---|---|---|
 * | 20005, 20016 | (token) | drop the token, fetch one (one caller at a time), retry once |
 * | -1, -2, 50009 | unavailable | retry with backoff, then give up |
 * | 14001, 30004 | rate_limited | retry with backoff, then give up (retry after 20 s) |
 * | 30002 | rate_limited | no calls until 00:00 China time (the daily quota resets) |
 * | 30003 | auth | the tenant bought no OpenAPI quota: an admin must buy it |
 * | 10006, 11001, 11002, 11013, 20006, 20015, 10001, 10002, 10012 | auth | wrong appId / appSecret / permanentCode |
 * | 20017, 10013 (with no paging), 11014, 10014, 11015 | auth | the gateway saw no or a malformed token / corpId |
 * | 20020-20023, 15003, 20014 | auth | app permissions (enterprise, department, disabled, not authorized) |
 * | 30027, 20012, 10010, 11008 | auth | the operator user id is unknown |
 * | 10013 on a query, 32000, 15002, 12004, others | bad_response | a request the gateway refused |
 */
import { ConnectorError } from '../types.ts';

export const CRM = 'fxiaoke';

export const TOKEN_REFUSED = new Set([20005, 20016]);
export const RETRY_UNAVAILABLE = new Set([-1, -2, 50009]);
export const RETRY_THROTTLED = new Set([14001, 30004]);
export const DAILY_QUOTA = 30002;

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Seconds until 00:00 China time (UTC+8), when the daily quota resets. */
export function secondsUntilChinaMidnight(now: number): number {
  const next = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS + 1) * DAY_MS - CHINA_OFFSET_MS;
  return Math.max(1, Math.ceil((next - now) / 1000));
}

export interface Refusal {
  errorCode: number;
  errorMessage?: unknown;
  traceId?: unknown;
}

/** What the gateway said, for logs and admins (the message is shown, never interpreted). */
function said(r: Refusal): string {
  const msg = typeof r.errorMessage === 'string' ? ` "${r.errorMessage.slice(0, 120)}"` : '';
  const trace = typeof r.traceId === 'string' ? ` (traceId ${r.traceId.slice(0, 80)})` : '';
  return `errorCode ${r.errorCode}${msg}${trace}`;
}

/**
 * The ConnectorError for a refusal. `where` names the call ("the token endpoint", "a query of
 * AccountObj"); `settings` names the settings to check.
 */
export function refusalError(r: Refusal, where: string, now: number, paging = false): ConnectorError {
  const c = r.errorCode;
  const auth = (what: string) => new ConnectorError(CRM, 'auth', `Fxiaoke refused ${where}: ${what} [${said(r)}]`);
  if (RETRY_UNAVAILABLE.has(c)) return new ConnectorError(CRM, 'unavailable', `Fxiaoke was busy or failed on ${where} [${said(r)}]`);
  if (RETRY_THROTTLED.has(c))
    return new ConnectorError(CRM, 'rate_limited', `Fxiaoke's call limit was reached on ${where} [${said(r)}]`, { retryAfter: 20 });
  if (c === DAILY_QUOTA) {
    return new ConnectorError(
      CRM,
      'rate_limited',
      `The tenant's daily Fxiaoke OpenAPI quota is used up; it resets at 00:00 China time. Buy more "Open API" packs to raise it [${said(r)}]`,
      { retryAfter: secondsUntilChinaMidnight(now) },
    );
  }
  switch (c) {
    case 30003:
      return auth('the enterprise has not bought OpenAPI quota; an admin must order an "Open API" pack from Fxiaoke');
    case 10001:
    case 10002:
    case 10006:
    case 11001:
    case 11002:
    case 20006:
      return auth('the appId or appSecret is wrong (check settings.appId and secrets.appSecret of the self-built app, 企业自建应用)');
    case 10012:
    case 11013:
    case 20015:
      return auth('the permanent authorization code is wrong (check secrets.permanentCode, 永久授权码)');
    case 20017:
    case 10014:
    case 11014:
    case 11015:
      return auth('the call carried no usable corpAccessToken / corpId; check settings.authMode');
    case 20020:
      return auth('the app has no permission for this enterprise’s data; an admin must grant it in the app’s settings');
    case 20021:
      return auth('the app is disabled in this enterprise; an admin must enable it (应用列表)');
    case 20022:
      return auth('the enterprise has not authorized the app; an admin must authorize it');
    case 20023:
    case 20014:
    case 15003:
      return auth('the app lacks access to the operator’s department or data; an admin must widen the app’s visible range');
    case 30027:
    case 20012:
    case 10010:
    case 11008:
      return auth(
        'the operator is unknown: settings.operatorUserId must be a CRM employee id (new auth, e.g. 1000) or openUserId (old auth, FSUID_…) of this enterprise',
      );
    case 10013:
      if (!paging) return auth('the call carried no corpAccessToken (10013); check settings.authMode');
      return new ConnectorError(CRM, 'bad_response', `Fxiaoke refused ${where}: offset out of range [${said(r)}]`);
    default:
      return new ConnectorError(
        CRM,
        'bad_response',
        `Fxiaoke refused ${where} [${said(r)}]; check the object and field API names in the settings against object/describe`,
      );
  }
}
