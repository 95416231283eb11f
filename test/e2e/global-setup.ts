/**
 * Builds the extension (skip with TIERLENS_E2E_SKIP_BUILD=1 when .output/chrome-mv3 is fresh),
 * starts the worker, the Fxiaoke simulator behind it, the counting proxy and the CRM fixture
 * server, and hands their addresses to the tests in TIERLENS_E2E. Returns the teardown.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR } from './support/browser.ts';
import { connectFxiaoke, ROOT, startFixtureFxiaokeSim, startFixtureServer, startProxy, startWorker } from './support/servers.ts';

export interface E2eEnv {
  workerUrl: string;
  proxyUrl: string;
  fixturePort: number;
  /** The Fxiaoke simulator the worker's Fxiaoke connector reads (control API under /__sim). */
  fxiaokeSimUrl: string;
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
  const [worker, sim] = await Promise.all([startWorker(), startFixtureFxiaokeSim()]);
  await connectFxiaoke(worker.url, sim);
  const proxy = await startProxy(worker.url);
  const fixtures = await startFixtureServer();
  const env: E2eEnv = { workerUrl: worker.url, proxyUrl: proxy.url, fixturePort: fixtures.port, fxiaokeSimUrl: sim.url };
  process.env.TIERLENS_E2E = JSON.stringify(env);
  return async () => {
    await fixtures.stop();
    await proxy.stop();
    await worker.stop();
    await sim.close();
  };
}
