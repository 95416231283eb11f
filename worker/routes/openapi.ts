/** GET /openapi.json and GET /docs, both generated from the route definitions. */
import type { App } from '../app.ts';
import { renderDocs } from '../docs.ts';

export function openApiDocument(app: App, version: string) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: `tl_…` (created with `npm run keys -- create`), or `demo-reader` / `demo-admin` in local development',
  });
  let doc: Record<string, unknown> | undefined;
  return () =>
    (doc ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'TierLens API',
        version,
        description:
          'Tier badges and handling tips for CRM accounts: classify snapshots, look accounts up through CRM connectors (cached in KV), manage the tier rules.',
      },
    }) as unknown as Record<string, unknown>);
}

export function registerOpenApi(app: App, version: string) {
  const document = openApiDocument(app, version);
  app.get('/openapi.json', (c) => c.json(document()));
  let html: string | undefined;
  app.get('/docs', (c) => c.html((html ??= renderDocs(document()))));
}
