/**
 * The app factory: one defaultHook (zod failures -> 400 with path-precise issues), one onError
 * (every failure -> the error envelope; never an unhandled 500), a request id per request, CORS,
 * authentication and rate limits for /v1, and one file per route under routes/.
 */

import type { Hook } from '@hono/zod-openapi';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { zodIssues } from '../shared/index.ts';
import { authenticate } from './auth.ts';
import { jsonBody } from './body.ts';
import { type AppEnv, type Deps, describeError, type Logger } from './context.ts';
import { readSettings } from './env.ts';
import { ApiError, type ErrorBody, type ErrorCode, STATUS_OF } from './errors.ts';
import { rateLimiter } from './ratelimit.ts';
import { registerRoutes } from './routes/index.ts';

export const VERSION = '0.1.0';

export type App = OpenAPIHono<AppEnv>;

/** Structured logs; callers pass ids and counts, never keys, secrets or CRM data. */
export const consoleLog: Logger = (level, message, fields = {}) => {
  const line = JSON.stringify({ level, message, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[A-Za-z0-9._-]+$/;

export function errorResponse(
  c: Context<AppEnv>,
  code: ErrorCode,
  message: string,
  details: unknown = null,
  headers: Record<string, string> = {},
): Response {
  const body: ErrorBody = { error: { code, message, details, requestId: c.get('requestId') ?? 'unknown' } };
  return c.json(body, STATUS_OF[code], headers);
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  428: 'precondition_required',
  429: 'rate_limited',
};

/** Zod failures of any request part: 400 with `{ issues: [{ path, message }] }`; too many items: 413. */
export const defaultHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const issues = zodIssues(result.error);
  const tooMany = result.error.issues.find((i) => i.code === 'too_big' && i.origin === 'array' && i.path.length === 1);
  if (tooMany) {
    return errorResponse(
      c,
      'payload_too_large',
      `At most ${String((tooMany as { maximum?: unknown }).maximum)} items in ${String(tooMany.path[0])}`,
      {
        issues: issues.filter((i) => i.path === String(tooMany.path[0])),
      },
    );
  }
  const where = result.target === 'json' ? 'body' : result.target;
  return errorResponse(c, 'bad_request', `The request ${where} is invalid`, { issues });
};

function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `req_${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function createApp(overrides: Partial<Deps> = {}): App {
  const deps: Deps = { now: () => Date.now(), version: VERSION, log: consoleLog, ...overrides };
  const app: App = new OpenAPIHono<AppEnv>({ defaultHook });

  app.use('*', async (c, next) => {
    const requestId = newRequestId();
    c.set('requestId', requestId);
    c.set('deps', deps);
    c.set('settings', readSettings(c.env));
    await next();
    c.res.headers.set('X-Request-Id', requestId);
  });

  app.use(
    '*',
    cors({
      origin: (origin, c) =>
        EXTENSION_ORIGIN.test(origin) || (c as Context<AppEnv>).var.settings.allowedOrigins.includes(origin) ? origin : null,
      allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Accept-Language'],
      exposeHeaders: [
        'ETag',
        'X-Request-Id',
        'Retry-After',
        'X-Cache',
        'X-Cache-Computed-At',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'RateLimit-Reset',
      ],
      maxAge: 600,
    }),
  );

  const limit = rateLimiter();
  app.use('/v1/*', async (c, next) => {
    if (c.req.path.startsWith('/v1/webhooks/')) return next();
    await authenticate(c, async () => {
      await limit(c, next);
    });
  });
  app.use('/v1/*', jsonBody);

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      if (err.code === 'internal')
        deps.log('error', err.message, { requestId: c.get('requestId'), path: c.req.path, cause: describeError(err.cause) });
      return errorResponse(c, err.code, err.message, err.details, err.headers);
    }
    if (err instanceof HTTPException) {
      const code = HTTP_CODES[err.status] ?? (err.status >= 500 ? 'internal' : 'bad_request');
      return errorResponse(c, code, err.message || code);
    }
    deps.log('error', 'unhandled error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: describeError(err),
    });
    return errorResponse(c, 'internal', 'Internal error; quote the request id when reporting it');
  });

  app.notFound((c) => errorResponse(c, 'not_found', `No route ${c.req.method} ${c.req.path}`));

  registerRoutes(app, deps.version);
  return app;
}
