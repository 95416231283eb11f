/**
 * Builds the extension (skip with TIERLENS_E2E_SKIP_BUILD=1 when .output/chrome-mv3 is fresh),
 * starts the worker, the counting proxy and the Zoho fixture server, and hands their
 * addresses to the tests in TIERLENS_E2E. Returns the teardown.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR } from './support/browser.ts';
import { ROOT, startFixtureServer, startProxy, startWorker } from './support/servers.ts';

export interface E2eEnv {
  workerUrl: string;
  proxyUrl: string;
  fixturePort: number;
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.TIERLENS_E2E_SKIP_BUILD !== '1' || !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    const r = spawnSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
    });
    if (r.status !== 0) throw new Error('wxt build failed');
  }
  const worker = await startWorker();
  const proxy = await startProxy(worker.url);
  const fixtures = await startFixtureServer();
  const env: E2eEnv = { workerUrl: worker.url, proxyUrl: proxy.url, fixturePort: fixtures.port };
  process.env.TIERLENS_E2E = JSON.stringify(env);
  return async () => {
    await fixtures.stop();
    await proxy.stop();
    await worker.stop();
  };
}
