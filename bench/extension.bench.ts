/**
 * npm run bench:extension [-- --runs N] [--no-build]
 *
 * The extension benchmark, in Debian's Chromium with the built extension, on the saved Zoho
 * pages (test/fixtures/zoho-pages) and the real worker (as the end-to-end tests run them):
 *   (a) each content script's size, gzip level 9         goal <= 15 KB each (one per CRM:
 *       crm.js for Zoho and the demo page, fxiaoke.js; a page loads one)
 *   (b) record page, warm cache: from the record header appearing in the DOM (inserted as
 *       Lyte would, after the route's data arrives) to the badge showing a tier in a painted
 *       frame                                             goal <= 100 ms (median)
 *   (c) 100-row list, warm cache: from the rows appearing to all 100 badges showing a tier
 *                                                         goal <= 300 ms (median)
 *   (d) for reference, not a goal: the same list with a cold page (a pushState navigation
 *       from another page; the background and the worker warm), i.e. one lookup round trip.
 * "Warm" = the account was classified earlier on this page (what a rep going back and forth
 * sees); the background and the worker's KV are warm too.
 *
 * Prints a table with PASS/MISS against the goals and one final machine-readable JSON line.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { EXTENSION_DIR, launchWithExtension, saveSettings } from '../test/e2e/support/browser.ts';
import { ROOT, startFixtureServer, startWorker } from '../test/e2e/support/servers.ts';
import { DEMO_FEATURED } from '../worker/connectors/demo/data.ts';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, 'no-build': { type: 'boolean', default: false } },
});
const RUNS = Math.max(3, Number(args.runs));
const GOALS = { sizeKb: 15, recordMs: 100, listMs: 300 };

if (!args['no-build']) {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('wxt build failed');
}
const script = readFileSync(join(EXTENSION_DIR, 'content-scripts/crm.js'));
const gzipBytes = gzipSync(script, { level: 9 }).length;
/** KiB; the goal holds in kB (1,000 bytes) too while the bytes stay under 15,000. */
const sizeKb = gzipBytes / 1024;
/** The other CRMs' content scripts (the timings below run on Zoho's pages, with crm.js). */
const otherScripts = ['fxiaoke'].map((name) => {
  const bytes = readFileSync(join(EXTENSION_DIR, `content-scripts/${name}.js`));
  return { name, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] as number;
};

/**
 * Takes the content of #crm-page out (Lyte tearing the route down), waits, puts it back at t0,
 * and resolves with the ms until `count` badges show a tier in a painted frame.
 */
async function rerenderAndTime(page: Page, count: number): Promise<number> {
  return page.evaluate(async (want) => {
    const root = document.getElementById('crm-page') as HTMLElement;
    const saved = [...root.childNodes].map((n) => n.cloneNode(true));
    root.replaceChildren();
    // Let the extension see the teardown, as it would between two routes.
    await new Promise((r) => setTimeout(r, 150));
    const done = new Promise<number>((resolve) => {
      const ready = () => document.querySelectorAll('tierlens-badge[data-state="ok"]').length >= want;
      const finish = () => requestAnimationFrame(() => resolve(performance.now()));
      const observer = new MutationObserver(() => {
        if (ready()) {
          observer.disconnect();
          finish();
        }
      });
      observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    });
    const t0 = performance.now();
    root.replaceChildren(...saved);
    return (await done) - t0;
  }, count);
}

/** A pushState navigation to `url` (the fixture's Lyte imitation), timed until `count` badges show a tier. */
async function navigateAndTime(page: Page, url: string, count: number): Promise<number> {
  return page.evaluate(
    async ({ to, want }) => {
      const done = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll('tierlens-badge[data-state="ok"]').length >= want) {
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now()));
          }
        });
        observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
      });
      let t0 = 0;
      addEventListener('fixture:rendered', () => (t0 = performance.now()), { once: true });
      await (window as unknown as { __spaNavigate(u: string): Promise<void> }).__spaNavigate(to);
      return (await done) - t0;
    },
    { to: url, want: count },
  );
}

const worker = await startWorker();
const fixtures = await startFixtureServer();
const launched = await launchWithExtension({ fixturePort: fixtures.port });
const result: Record<string, unknown> = {};
try {
  await saveSettings(launched.background, { workerUrl: worker.url, apiKey: 'demo-reader', crmAliases: { zoho: 'demo' } });
  const page = launched.context.pages()[0] ?? (await launched.context.newPage());
  const base = 'https://crm.zoho.com/crm/org123456/tab/Accounts';

  // (b) record page
  await page.goto(`${base}/${DEMO_FEATURED.vip}`);
  await page.locator('tierlens-badge[data-state="ok"]').waitFor();
  const record: number[] = [];
  for (let i = 0; i < RUNS; i++) record.push(await rerenderAndTime(page, 1));

  // (c) 100-row list, warm
  const list = `${base}/custom-view/4876876000000087501/list?per_page=100`;
  await page.goto(list);
  await page.locator('tierlens-badge[data-state="ok"]').nth(99).waitFor();
  const listWarm: number[] = [];
  for (let i = 0; i < RUNS; i++) listWarm.push(await rerenderAndTime(page, 100));

  // (d) 100-row list, cold page: a fresh page load of another account, then pushState to the list.
  const listCold: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 5); i++) {
    await page.goto(`${base}/${DEMO_FEATURED.key}`);
    await page.locator('tierlens-badge[data-state="ok"]').waitFor();
    // A new background cache too: the worker (KV) stays warm.
    await launched.background.evaluate(async () => {
      const g = globalThis as unknown as { chrome: { storage: { local: { set(i: object): Promise<void> } } } };
      await g.chrome.storage.local.set({ crmAliases: { zoho: 'demo', bench: String(Math.random()) } });
    });
    listCold.push(await navigateAndTime(page, list, 100));
  }

  Object.assign(result, {
    contentScriptGzipKb: Number(sizeKb.toFixed(2)),
    contentScriptGzipBytes: gzipBytes,
    contentScriptBytes: script.length,
    otherContentScripts: otherScripts,
    recordWarmMs: { median: median(record), p95: p95(record), runs: record.length },
    list100WarmMs: { median: median(listWarm), p95: p95(listWarm), runs: listWarm.length },
    list100ColdPageMs: { median: median(listCold), p95: p95(listCold), runs: listCold.length },
  });
} finally {
  await launched.close();
  await fixtures.stop();
  await worker.stop();
}

const r = result as {
  contentScriptGzipKb: number;
  recordWarmMs: { median: number; p95: number };
  list100WarmMs: { median: number; p95: number };
  list100ColdPageMs: { median: number; p95: number };
};
const row = (label: string, value: string, goal: string, ok?: boolean) =>
  `${label.padEnd(58)} ${value.padStart(14)}  ${goal.padStart(10)}  ${ok === undefined ? '' : ok ? 'PASS' : 'MISS'}`;
console.log(`\nTierLens extension benchmark (Chromium ${launched.context.browser()?.version() ?? ''}, ${RUNS} runs)\n`);
console.log(row('', 'measured', 'goal'));
console.log(
  row(
    '(a) content script crm.js, gzip -9 (KiB; bytes)',
    `${r.contentScriptGzipKb.toFixed(2)}; ${gzipBytes} B`,
    `<= ${GOALS.sizeKb} kB`,
    gzipBytes <= GOALS.sizeKb * 1000,
  ),
);
for (const other of otherScripts) {
  console.log(
    row(
      `    ${other.name}.js, gzip -9 (KiB; bytes)`,
      `${(other.gzipBytes / 1024).toFixed(2)}; ${other.gzipBytes} B`,
      `<= ${GOALS.sizeKb} kB`,
      other.gzipBytes <= GOALS.sizeKb * 1000,
    ),
  );
}
console.log(
  row(
    '(b) record header -> badge, warm cache (median / p95)',
    `${r.recordWarmMs.median.toFixed(1)} / ${r.recordWarmMs.p95.toFixed(1)} ms`,
    `<= ${GOALS.recordMs} ms`,
    r.recordWarmMs.median <= GOALS.recordMs,
  ),
);
console.log(
  row(
    '(c) 100-row list -> 100 badges, warm cache (median / p95)',
    `${r.list100WarmMs.median.toFixed(1)} / ${r.list100WarmMs.p95.toFixed(1)} ms`,
    `<= ${GOALS.listMs} ms`,
    r.list100WarmMs.median <= GOALS.listMs,
  ),
);
console.log(
  row(
    '(d) 100-row list, cold page, one lookup (median / p95)',
    `${r.list100ColdPageMs.median.toFixed(1)} / ${r.list100ColdPageMs.p95.toFixed(1)} ms`,
    'reference',
  ),
);
console.log(JSON.stringify({ bench: 'extension', goals: GOALS, ...result }));
