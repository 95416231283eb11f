/** Starts the worker the way `npm start` does, on a free loopback port, with its own state directory. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Running {
  base: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startWorker(): Promise<Running> {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'tierlens-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The extension build is skipped: other suites load .output/chrome-mv3 meanwhile, and it is not what these tests check.
    env: { ...process.env, PORT: String(port), TIERLENS_STATE_DIR: state, TIERLENS_SKIP_EXTENSION_BUILD: '1' },
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not get ready in 90 s:\n${out.slice(-3000)}`)), 90_000);
    const check = () => {
      if (out.includes(`READY ${base}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${out.slice(-3000)}`));
    });
  });
  return {
    base,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
      rmSync(state, { recursive: true, force: true });
    },
  };
}

/** `curl` commands between the markers (a trailing backslash continues a line). */
export function readmeCurls(markdown: string): string[] | null {
  const m = /<!-- curl-examples:start -->([\s\S]*?)<!-- curl-examples:end -->/.exec(markdown);
  if (!m) return null;
  const joined = (m[1] ?? '').replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('curl '));
}
