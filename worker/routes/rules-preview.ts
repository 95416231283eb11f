import { createRoute } from '@hono/zod-openapi';
import { type AccountSnapshot, classify, compileRules } from '../../shared/index.ts';
import type { App } from '../app.ts';
import { requireAdmin } from '../auth.ts';
import { CRM_TIMEOUT_MS } from '../classifier.ts';
import { ConnectorError } from '../connectors/types.ts';
import { ApiError, CODE_OF_CONNECTOR_ERROR, errorResponses } from '../errors.ts';
import { requestLang } from '../lang.ts';
import { validRules } from '../rules-http.ts';
import { Classification, PreviewBody } from '../schemas.ts';
import { connectorFor, rulesStore, statsFor } from '../tenant.ts';

export const rulesPreviewRoute = createRoute({
  method: 'post',
  path: '/v1/rules/preview',
  tags: ['rules'],
  summary: 'Classify with unsaved rules (admin)',
  description:
    'For the rules editor’s live preview: give `account`, or `accountId` and `crm` to fetch it through the connector (uncached). Uses the live version’s population statistics.',
  security: [{ bearer: [] }],
  'x-role': 'admin',
  request: { body: { required: true, content: { 'application/json': { schema: PreviewBody } } } },
  responses: {
    200: {
      description: 'The classification under the unsaved rules (rulesVersion 0)',
      content: { 'application/json': { schema: Classification } },
    },
    ...errorResponses(
      'bad_request',
      'unauthorized',
      'forbidden',
      'not_found',
      'payload_too_large',
      'rate_limited',
      'crm_unavailable',
      'crm_timeout',
    ),
  },
});

export function registerRulesPreview(app: App) {
  app.openapi(rulesPreviewRoute, async (c) => {
    requireAdmin(c);
    const body = c.req.valid('json');
    const rules = validRules(body.rules);
    const now = c.var.deps.now();
    let account: AccountSnapshot | null | undefined = body.account;
    if (!account) {
      if (!body.accountId || !body.crm) {
        throw new ApiError('bad_request', 'Give either account, or accountId and crm', {
          details: { issues: [{ path: 'account', message: 'expected account, or accountId and crm' }] },
        });
      }
      const { connector } = await connectorFor(c, body.crm);
      try {
        account = await connector.getAccount(body.accountId, { now, signal: AbortSignal.timeout(CRM_TIMEOUT_MS) });
      } catch (e) {
        if (e instanceof ConnectorError)
          throw new ApiError(CODE_OF_CONNECTOR_ERROR[e.kind], `The ${e.crm} CRM failed (${e.kind})`, { cause: e });
        throw e;
      }
      if (!account) throw new ApiError('not_found', `No account "${body.accountId}" in the ${body.crm} CRM`);
    }
    const stats = await statsFor(c, await rulesStore(c).current());
    const result = classify(compileRules(rules), account, {
      asOf: body.asOf ?? now,
      lang: requestLang(c, body.lang),
      stats,
      rulesVersion: 0,
    });
    return c.json(result, 200);
  });
}
