/** CI proof that the production bundle builds offline: `wrangler deploy --dry-run`. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

it('wrangler deploy --dry-run --env production bundles the worker', () => {
  const out = mkdtempSync(join(tmpdir(), 'tierlens-bundle-'));
  try {
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', out, '--env', 'production'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      },
    );
    expect(r.status, r.stderr || r.stdout).toBe(0);
    const files = readdirSync(out);
    const main = files.find((f) => f === 'index.js');
    expect(main, files.join(', ')).toBeDefined();
    const code = readFileSync(join(out, 'index.js'));
    const gzip = gzipSync(code).length;
    console.log(`worker bundle: ${(code.length / 1024).toFixed(0)} KiB, ${(gzip / 1024).toFixed(0)} KiB gzip`);
    expect(existsSync(join(out, 'index.js'))).toBe(true);
    // Cloudflare's limit on the free plan is 3 MB compressed; stay far below it.
    expect(gzip).toBeLessThan(1024 * 1024);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
