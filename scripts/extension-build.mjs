// The unpacked Chrome extension that `npm start` and `npm run start:zoho` build for a person to
// load (`wxt build` -> .output/chrome-mv3), and the steps they print for loading it.
// TIERLENS_SKIP_EXTENSION_BUILD=1 skips the build (tests, or when .output is fresh).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const EXTENSION_OUT = '.output/chrome-mv3';

/**
 * Runs `wxt build` for Chrome with the worker URL as the extension's default (unless
 * WXT_WORKER_URL is set already). Never throws: resolves to what happened, for the banner.
 * @returns {Promise<{ status: 'built' | 'skipped' | 'failed', dir: string, seconds?: number, detail?: string }>}
 */
export function buildExtension({ root, workerUrl }) {
  const dir = join(root, EXTENSION_OUT);
  if (process.env.TIERLENS_SKIP_EXTENSION_BUILD === '1') {
    const detail = existsSync(join(dir, 'manifest.json'))
      ? 'TIERLENS_SKIP_EXTENSION_BUILD=1'
      : 'TIERLENS_SKIP_EXTENSION_BUILD=1; no build there yet';
    return Promise.resolve({ status: 'skipped', dir, detail });
  }
  const started = Date.now();
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(join(root, 'node_modules/.bin/wxt'), ['build'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        WXT_WORKER_URL: process.env.WXT_WORKER_URL || workerUrl,
        PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}`,
        NO_COLOR: '1',
        CI: 'true',
      },
    });
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const tail = () =>
      out
        // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escapes in wxt's progress output
        .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
        .split('\n')
        .filter((l) => l.trim())
        .slice(-25)
        .join('\n');
    child.on('error', (e) => resolve({ status: 'failed', dir, detail: String(e.message ?? e) }));
    child.on('exit', (code) => {
      const seconds = (Date.now() - started) / 1000;
      resolve(code === 0 ? { status: 'built', dir, seconds } : { status: 'failed', dir, seconds, detail: tail() });
    });
  });
}

/** One line on the build, for the banner. */
export function buildLine(build) {
  if (build.status === 'built') return `built just now in ${build.seconds.toFixed(1)} s`;
  if (build.status === 'skipped') return `not rebuilt: ${build.detail}`;
  return 'THE BUILD FAILED (see above); fix it and run `npx wxt build`, or load an older build';
}

/** Steps 1 and 2: load the unpacked extension, open its options. */
export function loadSteps(build) {
  return `  1. Load it: open chrome://extensions (Edge: edge://extensions), switch on Developer mode,
     click "Load unpacked" and choose
       ${build.dir}
     (${buildLine(build)}; after a rebuild, click the reload arrow on its card).
  2. Open its options: click the TierLens toolbar icon (under the puzzle piece) > Settings,
     or chrome://extensions > TierLens > Details > Extension options.`;
}
