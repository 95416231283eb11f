/**
 * The README's copy-paste curl examples (README.md between `<!-- curl-examples:start -->` and
 * `<!-- curl-examples:end -->`), as `npm start` prints them. test/e2e-worker/readme.test.ts runs
 * the README's copy when it exists, else this list, against a live `wrangler dev`.
 */
export const DEFAULT_BASE = 'http://127.0.0.1:8787';

export interface CurlExample {
  title: string;
  command: string;
  /** A string the JSON answer must contain. */
  expect: string;
}

export const CURL_EXAMPLES: readonly CurlExample[] = [
  {
    title: 'One account from the demo CRM, classified (cached in KV)',
    command: `curl -s ${DEFAULT_BASE}/v1/accounts/demo/4876876000000333003 -H 'Authorization: Bearer demo-reader'`,
    expect: '"tier":"vip"',
  },
  {
    title: 'Many accounts at once, in Chinese (what a CRM list view asks)',
    command: `curl -s '${DEFAULT_BASE}/v1/accounts/demo/lookup?lang=zh' -H 'Authorization: Bearer demo-reader' -H 'Content-Type: application/json' -d '{"ids":["4876876000000333002","4876876000000333004","no-such-id"]}'`,
    expect: '"missing":["no-such-id"]',
  },
  {
    title: 'Classify a snapshot you send (no CRM involved)',
    command: `curl -s ${DEFAULT_BASE}/v1/classify -H 'Authorization: Bearer demo-reader' -H 'Content-Type: application/json' -d '{"account":{"crm":"mine","id":"acme-1","name":"Acme","createdAt":"2021-03-04T08:00:00Z","orders":[{"id":"o1","amount":6200000,"status":"won","closedAt":"2026-09-01T00:00:00Z"}]},"asOf":"2026-11-23T00:00:00Z"}'`,
    expect: '"accountId":"acme-1"',
  },
];
