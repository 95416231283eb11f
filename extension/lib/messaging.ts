/**
 * Sending the typed requests of protocol.ts to the background, from any extension page or
 * content script. Never throws: a background that cannot be reached (the extension was just
 * updated, the page outlived it) comes back as an `internal` UiError.
 */
import { browser } from 'wxt/browser';
import type { Message, Reply, Requests, RequestType } from './protocol.ts';

export async function send<K extends RequestType>(message: Message<K>): Promise<Reply<Requests[K]['res']>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<Requests[K]['res']> | undefined;
    return reply ?? { ok: false, error: { kind: 'internal', message: 'No answer from the extension background' } };
  } catch (e) {
    return { ok: false, error: { kind: 'internal', message: e instanceof Error ? e.message : String(e) } };
  }
}
