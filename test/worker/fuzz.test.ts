/**
 * Fuzz: 10,000+ request bodies across the POST/PUT routes (arbitrary JSON, mutations of valid
 * bodies, and text that is not JSON). Whatever arrives, the answer is a 2xx or a 4xx envelope:
 * never a 5xx.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK } from '../../shared/index.ts';
import { DEMO_FEATURED } from '../../worker/connectors/demo/index.ts';
import { ADMIN, harness, newKey } from './helpers.ts';

const account = {
  crm: 'demo',
  id: 'f-1',
  name: 'Fuzz Co',
  createdAt: '2021-03-04T08:00:00Z',
  attributes: { industry: 'Retail', employees: 10 },
  flags: { keyAccount: true },
  orders: [{ id: 'o1', amount: 120, status: 'won', closedAt: '2026-09-01T00:00:00Z' }],
  interactions: [{ kind: 'call', at: '2026-11-02T03:00:00Z' }],
  surveys: [{ kind: 'nps', score: 9, at: '2026-10-01T00:00:00Z' }],
};
const smallRules = {
  schemaVersion: 1,
  headline: 'value',
  dimensions: [
    {
      id: 'value',
      label: { en: 'Value', zh: '价值' },
      tiers: [
        {
          id: 'high',
          label: { en: 'High', zh: '高' },
          tips: { en: [], zh: [] },
          color: '#112233',
          icon: 'H',
          when: { metric: 'won_amount_365d', op: '>=', value: { percentile: 80, fallback: 100 } },
        },
        { id: 'low', label: { en: 'Low', zh: '低' }, tips: { en: [], zh: [] }, color: '#445566', icon: 'L', when: true },
      ],
    },
  ],
};

interface Target {
  method: 'POST' | 'PUT';
  path: string;
  valid: unknown[];
  headers?: Record<string, string>;
  key?: 'admin' | 'other';
}

const TARGETS: Target[] = [
  { method: 'POST', path: '/v1/classify', valid: [{ account }, { account, asOf: '2026-11-23T00:00:00Z', lang: 'zh' }] },
  { method: 'POST', path: '/v1/classify/batch', valid: [{ accounts: [account, { ...account, id: 'f-2' }] }] },
  { method: 'POST', path: '/v1/accounts/demo/lookup', valid: [{ ids: [DEMO_FEATURED.vip, DEMO_FEATURED.key, 'x'] }] },
  {
    method: 'POST',
    path: '/v1/rules/preview',
    valid: [
      { rules: smallRules, account },
      { rules: smallRules, crm: 'demo', accountId: DEMO_FEATURED.vip },
    ],
    key: 'admin',
  },
  {
    method: 'PUT',
    path: '/v1/rules',
    valid: [{ rules: smallRules }, { rules: DEFAULT_PLAYBOOK }],
    headers: { 'if-match': '*' },
    key: 'admin',
  },
  { method: 'POST', path: '/v1/rules/rollback', valid: [{ version: 1 }], headers: { 'if-match': '*' }, key: 'admin' },
  { method: 'POST', path: '/v1/webhooks/demo', valid: [{ tenant: 'demo', token: 'demo-webhook', accountIds: [DEMO_FEATURED.vip] }] },
  { method: 'PUT', path: '/v1/connectors/demo', valid: [{ settings: { latencyMs: 0 }, secrets: { webhookToken: 'abc' } }], key: 'other' },
];

type Json = unknown;

/** Replaces (or deletes) the value at the n-th path of a JSON document. */
function mutate(doc: Json, n: number, replacement: Json, remove: boolean): Json {
  const copy = structuredClone(doc) as Json;
  const paths: (string | number)[][] = [];
  const walk = (v: Json, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, [...path, i]);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(copy, []);
  const path = paths[n % paths.length] ?? [];
  if (path.length === 0) return replacement;
  let parent = copy as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (remove && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const bodyFor = (t: Target) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    {
      weight: 5,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...t.valid),
          fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.boolean()), { minLength: 1, maxLength: 3 }),
        )
        .map(([valid, muts]) => JSON.stringify(muts.reduce((doc, [n, v, rm]) => mutate(doc, n, v, rm), valid as Json))),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
    { weight: 1, arbitrary: fc.constantFrom(...t.valid).map((v) => JSON.stringify(v)) },
  );

const RUNS_PER_ROUTE = 1300; // x 8 routes = 10,400 bodies

describe('fuzz', () => {
  it(`${RUNS_PER_ROUTE * TARGETS.length} bodies across the POST/PUT routes: never a 5xx`, async () => {
    const h = harness({ env: { RATE_LIMIT_PER_MINUTE: '10000000' } });
    const other = await newKey('fuzz-tenant', 'admin');
    let total = 0;
    const statuses = new Map<number, number>();
    for (const t of TARGETS) {
      await fc.assert(
        fc.asyncProperty(bodyFor(t), fc.boolean(), async (raw, jsonType) => {
          const key = t.key === 'admin' ? ADMIN : t.key === 'other' ? other : 'demo-reader';
          const res = await h.call(t.path, {
            method: t.method,
            key,
            rawBody: raw,
            headers: { ...(jsonType ? { 'content-type': 'application/json' } : {}), ...t.headers },
          });
          total++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const text = await res.text();
          if (res.status >= 500) throw new Error(`${t.method} ${t.path} -> ${res.status} ${text.slice(0, 300)} for ${raw.slice(0, 300)}`);
          if (res.status >= 400) expect(JSON.parse(text).error.code).toEqual(expect.any(String));
        }),
        { numRuns: RUNS_PER_ROUTE, seed: 20261123 + total },
      );
    }
    expect(total).toBeGreaterThanOrEqual(10_000);
    // Both sides were exercised: successes and rejections.
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(statuses.get(400)).toBeGreaterThan(100);
  }, 240_000);
});
