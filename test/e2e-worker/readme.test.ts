/**
 * The README's curl examples, run with curl against the worker as `npm start` runs it.
 * Examples come from README.md between the curl-examples markers when present, else from
 * readme-examples.ts (the same list `npm start` prints).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type Running, readmeCurls, startWorker } from './helpers.ts';
import { CURL_EXAMPLES, DEFAULT_BASE } from './readme-examples.ts';

const run = promisify(execFile);

const readmePath = join(ROOT, 'README.md');
const fromReadme = existsSync(readmePath) ? readmeCurls(readFileSync(readmePath, 'utf8')) : null;
const commands = fromReadme?.length ? fromReadme : CURL_EXAMPLES.map((e) => e.command);

let worker: Running;
beforeAll(async () => {
  worker = await startWorker();
});
afterAll(async () => {
  await worker?.stop();
});

describe('README curl examples against npm start', () => {
  it('npm start prints the URLs, the demo keys and the examples', () => {
    const out = worker.output();
    for (const s of ['/docs', '/demo', 'demo-reader', 'demo-admin', 'curl -s']) expect(out).toContain(s);
  });

  it('npm start says how to load the extension and where to see badges', () => {
    const out = worker.output();
    for (const s of ['Load unpacked', '.output/chrome-mv3', 'not rebuilt: TIERLENS_SKIP_EXTENSION_BUILD=1', `${worker.base}/demo:`])
      expect(out).toContain(s);
  });

  it.each(commands.map((c, i) => [i + 1, c] as const))('example %i answers 200 with JSON', async (_i, command) => {
    const cmd = `${command.replaceAll(DEFAULT_BASE, worker.base)} -w '\\n%{http_code}'`;
    const { stdout } = await run('sh', ['-c', cmd], { timeout: 30_000 });
    const cut = stdout.lastIndexOf('\n');
    const status = Number(stdout.slice(cut + 1));
    const body = stdout.slice(0, cut);
    expect(status, body.slice(0, 500)).toBe(200);
    const parsed = JSON.parse(body);
    expect(parsed.error).toBeUndefined();
    const known = CURL_EXAMPLES.find((e) => e.command === command);
    if (known) expect(body).toContain(known.expect);
  });

  it('serves the docs and the demo CRM page', async () => {
    const docs = await fetch(`${worker.base}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/v1/rules/preview');
    const demo = await fetch(`${worker.base}/demo/accounts?lang=zh`);
    expect(demo.status).toBe(200);
  });
});
