/**
 * The demo CRM as a configurable connector. The `demo` tenant has it built in (local development);
 * any other tenant can switch it on with `PUT /v1/connectors/demo` to try TierLens on synthetic
 * data. `failWith` and `latencyMs` simulate a CRM outage or a slow CRM for that tenant.
 */
import { z } from '@hono/zod-openapi';
import type { CrmDefinition } from '../registry.ts';
import { createDemoConnector } from './index.ts';

export const DemoSettingsSchema = z
  .object({
    failWith: z
      .enum(['unavailable', 'timeout', 'auth', 'rate_limited', 'bad_response'])
      .optional()
      .openapi({ description: 'Simulate a CRM failure of this kind on every call' }),
    latencyMs: z.number().int().min(0).max(10_000).optional().openapi({ description: 'Simulated CRM latency per call' }),
  })
  .strict();

export const demoDefinition: CrmDefinition = {
  id: 'demo',
  label: 'Demo CRM (synthetic data)',
  settingsSchema: DemoSettingsSchema,
  secretNames: [],
  statsOnFirstNeed: true,
  create: ({ settings }) => createDemoConnector(DemoSettingsSchema.parse(settings)),
};
