/**
 * The two token endpoints and token validation (fxiaoke.md §1, S1 auth §3-5):
 *
 * - new: `POST /oauth2.0/token?thirdTraceId=` `{appId, appSecret, permanentCode, grantType:"app_secret"}`
 *   -> `{accessToken, expiresIn, ea, openUserId (the corp's FSCID_, misnamed), appId, errorCode:0, errorMessage, traceId}`;
 * - old: `POST /cgi/corpAccessToken/get/V2` `{appId, appSecret, permanentCode}`
 *   -> `{corpAccessToken, corpId, expiresIn, errorCode, errorMessage}` [code S3/S5].
 *
 * Lifetime 7,200 s; a request within 0-6,600 s of the current token's issue returns the same token;
 * between 6,600 and 7,200 s a new one is issued while the old stays valid until its own 7,200 s
 * [doc S1]. `expiresIn` is the seconds the returned token has left (the doc's example 7084 reads
 * like that; **guess**). The endpoints together allow 10 calls per minute and refuse concurrent
 * calls [doc S1]; the refusal codes are undocumented (S1 §4 ⚠), so both answer 14001 (**guess**).
 * A token of one generation is not accepted in the other generation's style (**guess**).
 */

import type { Rng } from '../sim-kit/rng.ts';
import { type Envelope, fxErrors } from './errors.ts';

export const TOKEN_LIFETIME_MS = 7_200_000;
export const TOKEN_REUSE_MS = 6_600_000;
export const TOKEN_CALLS_PER_MINUTE = 10;
export const TOKEN_WINDOW_MS = 60_000;

export type AuthGeneration = 'new' | 'old';

export interface IssuedToken {
  token: string;
  generation: AuthGeneration;
  issuedAt: number;
  expiresAt: number;
}

export interface AppCredentials {
  appId: string;
  appSecret: string;
  permanentCode: string;
  /** Enterprise account, sent as `x-fs-ea` (new style). */
  ea: string;
  /** The corp's open id `FSCID_…`, sent as `corpId` (old style). */
  corpId: string;
}

export class TokenServer {
  readonly creds: AppCredentials;
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly current: Partial<Record<AuthGeneration, IssuedToken>> = {};
  /** Times of token calls (both endpoints) in the last minute, refused ones included. */
  private calls: number[] = [];
  /** Token calls being answered right now. */
  inFlight = 0;
  /** New tokens issued (not reissues of the same token). */
  mints = 0;
  /** How expired tokens are reported by the business endpoints: 20016 (default) or 20005. */
  expiredCode: 20016 | 20005 = 20016;
  callsPerMinute = TOKEN_CALLS_PER_MINUTE;

  private readonly rng: Rng;

  constructor(rng: Rng, creds: AppCredentials) {
    this.rng = rng;
    this.creds = creds;
  }

  /** Counts a call against the per-minute budget; false when the budget is spent. */
  admit(now: number): boolean {
    this.calls = this.calls.filter((t) => t > now - TOKEN_WINDOW_MS);
    this.calls.push(now);
    return this.calls.length <= this.callsPerMinute;
  }

  /** The body of a token call that was admitted and is not concurrent. */
  issue(generation: AuthGeneration, body: Record<string, unknown>, now: number, traceId: string): Envelope {
    // Probed: a forged appSecret, a missing one, or (as the probe forged everything) a wrong appId -> 10006.
    if (body.appId !== this.creds.appId || body.appSecret !== this.creds.appSecret) {
      return generation === 'new' ? fxErrors.badAppSecret(true) : { ...fxErrors.badAppSecret(false), traceId };
    }
    if (body.permanentCode !== this.creds.permanentCode) return { ...fxErrors.badPermanentCode(), traceId };
    if (generation === 'new' && body.grantType !== 'app_secret') return { ...fxErrors.badGrantType(), traceId };
    const t = this.currentOrNew(generation, now);
    const expiresIn = Math.max(0, Math.round((t.expiresAt - now) / 1000));
    if (generation === 'new') {
      return {
        openUserId: this.creds.corpId,
        accessToken: t.token,
        expiresIn,
        appId: this.creds.appId,
        ea: this.creds.ea,
        errorCode: 0,
        errorMessage: 'success',
        traceId,
      };
    }
    return { corpAccessToken: t.token, corpId: this.creds.corpId, expiresIn, errorCode: 0, errorMessage: 'success', traceId };
  }

  private currentOrNew(generation: AuthGeneration, now: number): IssuedToken {
    const cur = this.current[generation];
    if (cur && now - cur.issuedAt < TOKEN_REUSE_MS && cur.expiresAt > now) return cur;
    const token: IssuedToken = {
      token: generation === 'new' ? `BC${this.rng.hex(30).toUpperCase()}` : this.rng.hex(32).toUpperCase(),
      generation,
      issuedAt: now,
      expiresAt: now + TOKEN_LIFETIME_MS,
    };
    this.tokens.set(token.token, token);
    this.current[generation] = token;
    this.mints += 1;
    return token;
  }

  /** 'ok', 'expired' (known but past its lifetime) or 'unknown'. */
  check(token: string, generation: AuthGeneration, now: number): 'ok' | 'expired' | 'unknown' {
    const t = this.tokens.get(token);
    if (!t || t.generation !== generation) return 'unknown';
    return t.expiresAt > now ? 'ok' : 'expired';
  }

  /** Every token issued so far stops working now; the next token call issues a new one. */
  expireAll(now: number): void {
    for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
    this.current.new = undefined;
    this.current.old = undefined;
  }

  /** Forget the per-minute history (tests start each case with a fresh budget). */
  resetWindow(): void {
    this.calls = [];
  }
}
