/**
 * Connector secrets (OAuth refresh tokens, client secrets, webhook tokens) are sealed with
 * AES-GCM under the worker secret SECRETS_KEY (base64 of 32 bytes). The additional data binds
 * each ciphertext to its tenant, CRM and field, so a sealed value copied elsewhere fails to open.
 */
import { ApiError } from '../errors.ts';

export interface Sealed {
  /** base64 of the 12-byte IV. */
  iv: string;
  /** base64 of the ciphertext and tag. */
  ct: string;
}

const keys = new Map<string, Promise<CryptoKey>>();

function importKey(secretsKey: string | undefined): Promise<CryptoKey> {
  if (!secretsKey) throw new ApiError('internal', 'SECRETS_KEY is not configured: connector secrets cannot be stored');
  let key = keys.get(secretsKey);
  if (!key) {
    const raw = fromBase64(secretsKey);
    if (raw.length !== 32) throw new ApiError('internal', 'SECRETS_KEY must be base64 of 32 bytes');
    key = crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    keys.set(secretsKey, key);
  }
  return key;
}

export async function seal(secretsKey: string | undefined, plaintext: string, aad: string): Promise<Sealed> {
  const key = await importKey(secretsKey);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(aad) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return { iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

export async function open(secretsKey: string | undefined, sealed: Sealed, aad: string): Promise<string> {
  const key = await importKey(secretsKey);
  const pt = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: new TextEncoder().encode(aad) },
    key,
    fromBase64(sealed.ct),
  );
  return new TextDecoder().decode(pt);
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares two strings in time that depends only on their lengths. */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
