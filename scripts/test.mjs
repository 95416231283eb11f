#!/usr/bin/env node
// `npm test`: type checking, lint, every vitest project, then the browser suite when it exists.
// Ends with one line `N passed, N failed` summed from the runners' JSON reports, so a run that
// executed nothing is visible. Exit code 1 when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'node_modules/.cache/test-reports');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bin = (name) => join(root, 'node_modules/.bin', name);
const env = {
  ...process.env,
  PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}`,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${label}: ${cmd.replace(`${root}node_modules/.bin/`, '')} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...env, ...extraEnv } });
  return r.status === 0;
}

function step(label, cmd, args) {
  const ok = run(label, cmd, args);
  ok ? passed++ : failed++;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
}

step('typecheck', bin('tsc'), ['-b']);
step('lint', bin('biome'), ['check', '.']);

const vitestJson = join(out, 'vitest.json');
const vitestOk = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A suite that failed to load has no tests counted: count the file as a failure.
  const broken = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  failed += broken;
  lines.push(`${vitestOk ? 'ok  ' : 'FAIL'} vitest: ${r.numPassedTests} passed, ${r.numFailedTests + broken} failed`);
} else {
  failed++;
  lines.push('FAIL vitest: no report (the runner did not start)');
}

if (existsSync(join(root, 'playwright.config.ts'))) {
  const pwJson = join(out, 'playwright.json');
  const pwOk = run('playwright', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skipped += s.skipped;
    if (!pwOk && s.unexpected === 0) failed++; // e.g. global set-up failed before any test
    lines.push(`${pwOk ? 'ok  ' : 'FAIL'} playwright: ${s.expected + s.flaky} passed, ${s.unexpected} failed`);
  } else {
    failed++;
    lines.push('FAIL playwright: no report (the runner did not start)');
  }
}

console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
