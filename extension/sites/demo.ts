/**
 * The worker's demo CRM (`/demo` on the worker): a list of accounts and a record page per
 * account, with hooks kept stable for this adapter (worker/demo/page.ts):
 *   list rows `tr[data-account-id]`, the name link `td.account-name a`;
 *   record page `[data-record-id]` on the header, wrapping `h1.record-name`.
 */
import { type MountPoint, mountsByAttribute, type PageInfo, type SiteAdapter } from './types.ts';

export const DEMO_CRM = 'demo';

export const DEMO_SELECTORS = {
  listRow: 'tr[data-account-id]',
  listName: 'td.account-name a',
  recordHeader: '[data-record-id]',
  recordName: 'h1.record-name',
} as const;

export function parseDemoUrl(url: URL): PageInfo | null {
  const m = /^\/demo(?:\/accounts)?\/?$/.exec(url.pathname);
  if (m) return { site: 'demo', crm: DEMO_CRM, kind: 'list', viewId: 'all' };
  const d = /^\/demo\/accounts\/([^/]+)\/?$/.exec(url.pathname);
  if (!d) return null;
  let id: string;
  try {
    id = decodeURIComponent(d[1] as string);
  } catch {
    return null;
  }
  return id ? { site: 'demo', crm: DEMO_CRM, kind: 'account', recordId: id } : null;
}

export const demo: SiteAdapter = {
  id: 'demo',
  crm: DEMO_CRM,
  matches: (url) => url.pathname === '/demo' || url.pathname.startsWith('/demo/'),
  parse: parseDemoUrl,
  find(root, page): MountPoint[] {
    const S = DEMO_SELECTORS;
    if (page.kind !== 'account') return mountsByAttribute(root, S.listRow, 'data-account-id', S.listName, 'compact', 'before');
    // The header of the account in the URL only.
    return mountsByAttribute(root, S.recordHeader, 'data-record-id', S.recordName, 'large').filter((p) => p.accountId === page.recordId);
  },
};
