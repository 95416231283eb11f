/**
 * The worker's bindings (wrangler.toml vars, the KV namespace, secrets). Hand-written rather than
 * generated so the worker type-checks without running `wrangler types` first.
 */
export interface Env {
  TL_KV: KVNamespace;
  /** "on" only in local development: the demo tenant and its keys `demo-reader` / `demo-admin`. */
  DEMO_MODE?: string;
  /** Extra CORS origins, comma-separated. */
  ALLOWED_ORIGINS?: string;
  RATE_LIMIT_PER_MINUTE?: string;
  CACHE_SOFT_TTL_SECONDS?: string;
  CACHE_HARD_TTL_SECONDS?: string;
  /** base64 of 32 random bytes: the AES-GCM key for connector secrets (a wrangler secret; `.dev.vars` locally). */
  SECRETS_KEY?: string;
  /** "on" only in local development: connector settings may name non-production CRM hosts (the Zoho simulator). */
  ALLOW_DEV_CRM_HOSTS?: string;
}

/** Settings read from the environment once per request, with defaults. */
export interface Settings {
  demoMode: boolean;
  allowDevCrmHosts: boolean;
  allowedOrigins: string[];
  rateLimitPerMinute: number;
  softTtlMs: number;
  hardTtlSeconds: number;
}

const positive = (raw: string | undefined, fallback: number): number => {
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export function readSettings(env: Env): Settings {
  return {
    demoMode: env.DEMO_MODE === 'on',
    allowDevCrmHosts: env.ALLOW_DEV_CRM_HOSTS === 'on',
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    rateLimitPerMinute: positive(env.RATE_LIMIT_PER_MINUTE, 600),
    softTtlMs: positive(env.CACHE_SOFT_TTL_SECONDS, 600) * 1000,
    // KV's minimum expirationTtl is 60 seconds.
    hardTtlSeconds: Math.max(60, positive(env.CACHE_HARD_TTL_SECONDS, 604_800)),
  };
}
