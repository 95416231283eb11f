/**
 * Request bodies: at most 1 MB (by Content-Length and by the bytes actually read), JSON only.
 * Invalid JSON gets a 400 that says so; the parsed value is handed to the route validators
 * (which then report zod issues with paths).
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

async function readLimited(req: Request): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const tooLarge = () => new ApiError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes`);

export const jsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const method = c.req.method;
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return next();
  const length = Number(c.req.header('content-length'));
  if (Number.isFinite(length) && length > MAX_BODY_BYTES) throw tooLarge();
  const bytes = await readLimited(c.req.raw);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError('bad_request', 'The request body is not valid UTF-8');
  }
  // No body: routes that need one report the missing fields through their validators. The raw
  // request's stream is spent, so hand on a request without one (optional bodies check for it).
  if (text.trim() === '') {
    c.req.raw = new Request(c.req.raw.url, { method, headers: c.req.raw.headers });
    return next();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ApiError('bad_request', `The request body is not valid JSON: ${(e as Error).message.slice(0, 200)}`);
  }
  // Hand the parsed body to the validators, whatever Content-Type the client sent (curl -d sends a form type).
  const headers = new Headers(c.req.raw.headers);
  headers.set('content-type', 'application/json');
  c.req.raw = new Request(c.req.raw.url, { method, headers });
  c.req.bodyCache.json = Promise.resolve(parsed);
  await next();
};
