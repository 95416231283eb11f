/**
 * The HTTP plumbing both simulators share: a loopback server whose close() also drops kept-alive
 * connections, request bodies, answers with a length, and waits that end when the client leaves.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface LoopbackServer {
  /** `http://127.0.0.1:{port}`. */
  baseUrl: string;
  port: number;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (`port` 0 picks a free one). A handler that throws answers 500 with the
 * message as text, unless it already started its answer.
 */
export async function startLoopbackServer(handle: Handler, port = 0): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(err instanceof Error ? err.message : String(err));
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${bound}`,
    port: bound,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The whole request body as UTF-8 text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Answers `status` with `text` and its content-length, after `headers`. */
export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** Resolves when the client goes away (used for hangs and to cut latency short). */
export function closed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    // The request stream is already consumed (and auto-destroyed); the response tells when the client leaves.
    if (res.destroyed) resolve();
    else res.once('close', () => resolve());
  });
}

/** Waits `ms`, or less when the client leaves first. */
export async function delay(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise<void>((r) => (timer = setTimeout(r, ms))), closed(res)]);
  if (timer) clearTimeout(timer);
}
