import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { errorResponses } from '../errors.ts';

export const meRoute = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['keys'],
  summary: 'Who the presented key is: its tenant, role and name',
  description: 'What the extension’s "test connection" shows; it also tells whether the rule editor can save (role admin).',
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: 'The key’s identity (never the key or its hash)',
      content: {
        'application/json': {
          schema: z
            .object({ tenant: z.string(), role: z.enum(['reader', 'admin']), keyId: z.string(), name: z.string(), version: z.string() })
            .openapi('Me'),
        },
      },
    },
    ...errorResponses('unauthorized', 'rate_limited'),
  },
});

export function registerMe(app: App) {
  app.openapi(meRoute, (c) => {
    const p = c.get('principal');
    return c.json({ tenant: p.tenant, role: p.role, keyId: p.keyId, name: p.name, version: c.get('deps').version }, 200);
  });
}
