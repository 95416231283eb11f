/** Base URLs from settings and token responses. CRM-independent. */

/** An absolute http(s) URL without credentials, query or fragment, trailing slashes dropped; null otherwise. */
export function normaliseBaseUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.username || u.password || u.search || u.hash) return null;
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}
