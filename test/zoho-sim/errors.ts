/**
 * Zoho's error envelopes (zoho.md §4). A single-request error is a top-level
 * `{code, details, message, status:"error"}`; per-record write results sit inside `data[]`.
 * Messages are copied from the OAS examples named next to each builder
 * (github.com/zoho/crm-oas, `v8.0/<area>/operations/<op>/examples/*.md`).
 */
export interface ZohoError {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: 'error';
}

export interface ApiError {
  httpStatus: number;
  body: ZohoError | { data: ZohoError[] };
}

export function zohoError(code: string, message: string, details: Record<string, unknown> = {}): ZohoError {
  return { code, details, message, status: 'error' };
}

export function apiError(httpStatus: number, code: string, message: string, details: Record<string, unknown> = {}): ApiError {
  return { httpStatus, body: zohoError(code, message, details) };
}

export const errors = {
  // Observed in the wild (pastebin VkvZW1Vy, zoho.md §4); the OAS spells it "Invalid OAuth token".
  invalidToken: () => apiError(401, 'INVALID_TOKEN', 'invalid oauth token'),
  // OAS record/operations/cloneRecord/examples/response-401-authenticationfailure.md
  authenticationFailure: () => apiError(401, 'AUTHENTICATION_FAILURE', 'Authentication failed'),
  // OAS record/operations/getRecords/examples/response-401-scopemismatch.md
  scopeMismatch: () => apiError(401, 'OAUTH_SCOPE_MISMATCH', 'Unauthorized'),
  // OAS record/operations/getRecords/examples/response-404 (InvalidUrlPattern)
  invalidUrlPattern: () => apiError(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'),
  // OAS record/mds/examples/getRecords.md (InvalidData: module)
  invalidModule: (index = 0) =>
    apiError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: index }),
  // OAS record/mds/examples/getRecords.md (RequiredParamMissing)
  requiredParamMissing: (param: string, message = 'required param is missing') =>
    apiError(400, 'REQUIRED_PARAM_MISSING', message, { param_name: param }),
  // OAS record/mds/examples/getRecords.md (LimitExceeded)
  limitExceeded: (param: string, limit: number) => apiError(400, 'LIMIT_EXCEEDED', 'limit exceeded', { limit, param_name: param }),
  // OAS record/mds/examples/getRecords.md (InvalidCvid shape: INVALID_DATA + param_name)
  invalidParam: (param: string, extra: Record<string, unknown> = {}) =>
    apiError(400, 'INVALID_DATA', 'invalid data', { param_name: param, ...extra }),
  // OAS record/mds/examples/getRecords.md (DiscretePaginationLimitExceeded)
  discretePagination: () =>
    apiError(400, 'DISCRETE_PAGINATION_LIMIT_EXCEEDED', 'You can only get the first 2000 records without using page_token param', {
      limit: 2000,
    }),
  // OAS record/mds/examples/getRecords.md (PaginationLimitExceeded)
  paginationLimit: () =>
    apiError(400, 'PAGINATION_LIMIT_EXCEEDED', 'You can only get upto 100000 records using page_token param', { param_name: 'page_token' }),
  // OAS record/mds/examples/getRecords.md (TokenBoundDataMismatch)
  tokenBoundMismatch: () =>
    apiError(400, 'TOKEN_BOUND_DATA_MISMATCH', 'The page_token given seems to be invalid or input param is added or altered or deleted', {
      param_name: 'page_token',
    }),
  // OAS record/mds/examples/getRecords.md (ExpiredValue)
  expiredPageToken: () => apiError(400, 'EXPIRED_VALUE', 'Page token expired', { api_name: 'page_token', json_path: '$.query.page_token' }),
  // OAS getRecords operation.md lists AMBIGUITY_DURING_PROCESSING with details.ambiguity_due_to[{param_name}];
  // that page and page_token cannot be combined is a secondary source (zoho.md §2). The message is a guess.
  ambiguity: (params: string[]) =>
    apiError(400, 'AMBIGUITY_DURING_PROCESSING', 'ambiguity while processing the request', {
      ambiguity_due_to: params.map((p) => ({ param_name: p })),
    }),
  // OAS related_records/mds/examples/getRelatedRecords.md (RecordNotFound, 404)
  relatedParentMissing: () => apiError(404, 'INVALID_DATA', 'The record does not exist'),
  // OAS related_records/mds/examples/getRelatedRecords.md (InvalidDataRelationNameError)
  invalidRelatedList: () => apiError(400, 'INVALID_DATA', 'The related name given seems to be invalid', { resource_path_index: 2 }),
  // OAS related_records/mds/examples/getRelatedRecords.md (InvalidDataError) used for a malformed record id.
  invalidRecordId: (index: number) => apiError(400, 'INVALID_DATA', 'the id given seems to be invalid', { resource_path_index: index }),
  // OAS related_records/mds/examples/getRelatedRecords.md (InvalidRequestMethod)
  invalidMethod: () => apiError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one'),
  // OAS record/operations/getRecords/examples/response-500-internalerror.md
  internal: () => apiError(500, 'INTERNAL_ERROR', 'Internal Server Error'),
  // zoho.md §4: 429 TOO_MANY_REQUESTS for both the 24-hour credits and concurrency; the message is the
  // status-codes description (via a secondary summary); the exact text and details are unconfirmed.
  tooManyRequests: () =>
    apiError(
      429,
      'TOO_MANY_REQUESTS',
      'Number of API requests for the 24 hour period is exceeded or the concurrency limit of the user for the app is exceeded.',
    ),
  // A request body that is not JSON. The real code and message are unconfirmed (a guess).
  invalidBody: () => apiError(400, 'INVALID_DATA', 'invalid data', { expected_data_type: 'jsonobject' }),
};
