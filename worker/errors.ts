/**
 * One error envelope for every failure: `{ "error": { "code", "message", "details", "requestId" } }`.
 * The code decides the status through an exhaustive map, so a new code cannot ship without one.
 */
import { z } from '@hono/zod-openapi';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ConnectorErrorKind } from './connectors/types.ts';

export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'precondition_required',
  'payload_too_large',
  'rate_limited',
  'crm_unavailable',
  'crm_timeout',
  'crm_auth',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const STATUS_OF: { readonly [C in ErrorCode]: ContentfulStatusCode } = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_required: 428,
  payload_too_large: 413,
  rate_limited: 429,
  crm_unavailable: 502,
  crm_timeout: 504,
  crm_auth: 502,
  internal: 500,
};

/** CRM failures as the API reports them when no stale classification can stand in. */
export const CODE_OF_CONNECTOR_ERROR: { readonly [K in ConnectorErrorKind]: ErrorCode } = {
  unavailable: 'crm_unavailable',
  timeout: 'crm_timeout',
  auth: 'crm_auth',
  rate_limited: 'crm_unavailable',
  bad_response: 'crm_unavailable',
};

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** Extra response headers (Retry-After, ETag). */
  readonly headers: Record<string, string>;
  constructor(code: ErrorCode, message: string, options: { details?: unknown; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.details = options.details ?? null;
    this.headers = options.headers ?? {};
  }
  get status(): ContentfulStatusCode {
    return STATUS_OF[this.code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: unknown; requestId: string };
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z
        .unknown()
        .openapi({ description: 'For bad_request: `{ issues: [{ path, message }] }`; for conflict: `{ currentVersion }`.' }),
      requestId: z.string(),
    }),
  })
  .openapi('Error', {
    example: {
      error: {
        code: 'bad_request',
        message: 'The request body is invalid',
        details: { issues: [{ path: 'accounts[12].orders[0].closedAt', message: 'expected an ISO 8601 date-time with a zone' }] },
        requestId: 'req_0123456789abcdef',
      },
    },
  });

/** The responses every authenticated route may give, for the OpenAPI document. */
export function errorResponses(...codes: ErrorCode[]) {
  const out: Record<number, { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }> = {};
  for (const code of codes) {
    const status = STATUS_OF[code];
    const prev = out[status];
    out[status] = {
      description: prev ? `${prev.description}, ${code}` : code,
      content: { 'application/json': { schema: ErrorSchema } },
    };
  }
  return out;
}
