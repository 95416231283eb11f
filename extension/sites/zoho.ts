/**
 * Zoho CRM: record pages of accounts, the accounts list view, and deal pages (the badge of the
 * deal's account), in the classic shell and in "CRM for Everyone", on every data centre.
 *
 * URL shapes (Lyte router, html5 history):
 *   /crm/{org}/tab/Accounts/{id}                       account record
 *   /crm/{org}/tab/Accounts/custom-view/{cvid}/list    accounts list view
 *   /crm/{org}/tab/Potentials/{id}                     deal record ("Deals" in the API)
 * where {org} is `org<digits>`, a custom slug, or absent (`/crm/tab/...`); Zoho One prefixes
 * its own path: /zohoone/{org}/home/cxapp-spaces/sales/crm/{org}/tab/...
 */

import type { MountPoint, PageInfo, SiteAdapter } from './types.ts';
import { isZohoHost } from './zoho.hosts.ts';
import { ZOHO_SELECTORS as S } from './zoho.selectors.ts';

export const ZOHO_CRM = 'zoho';

const RECORD_ID = /^\d{5,25}$/;

export interface ZohoRoute {
  /** The org segment (`org123`, a slug), or null when absent. */
  org: string | null;
  /** The UI module name: `Accounts`, `Potentials`, `Leads`, `CustomModule3`... */
  module: string;
  /** The path after the module. */
  rest: string[];
}

/** Splits a Zoho CRM app path into org, module and the rest; null when it is not a `/tab/` page. */
export function parseZohoRoute(pathname: string): ZohoRoute | null {
  const seg = pathname.split('/').filter(Boolean).map(safeDecode);
  // The last `tab` that follows `crm` directly or after one org segment (Zoho One nests paths).
  for (let t = seg.length - 2; t >= 1; t--) {
    if (seg[t] !== 'tab') continue;
    const module = seg[t + 1] as string;
    if (seg[t - 1] === 'crm') return { org: null, module, rest: seg.slice(t + 2) };
    if (t >= 2 && seg[t - 2] === 'crm') return { org: seg[t - 1] as string, module, rest: seg.slice(t + 2) };
  }
  return null;
}

/** The account id a link to an account record points at, or null. */
export function accountIdFromHref(href: string | null | undefined, base = 'https://crm.zoho.com/'): string | null {
  if (!href) return null;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  const route = parseZohoRoute(url.pathname);
  if (route?.module !== 'Accounts' || route.rest.length !== 1) return null;
  const id = route.rest[0] as string;
  return RECORD_ID.test(id) ? id : null;
}

export function parseZohoUrl(url: URL): PageInfo | null {
  const route = parseZohoRoute(url.pathname);
  if (!route) return null;
  const [first, second, third] = route.rest;
  if (first === undefined) return null;
  const record = route.rest.length === 1 && RECORD_ID.test(first) ? first : null;
  if (route.module === 'Accounts') {
    if (record) return { site: 'zoho', crm: ZOHO_CRM, kind: 'account', recordId: record };
    if (first === 'custom-view' && second && third === 'list' && route.rest.length === 3) {
      return { site: 'zoho', crm: ZOHO_CRM, kind: 'list', viewId: second };
    }
    return null;
  }
  if (route.module === 'Potentials' && record) return { site: 'zoho', crm: ZOHO_CRM, kind: 'deal', recordId: record };
  return null;
}

function findAccount(root: ParentNode, page: PageInfo): MountPoint[] {
  const name = root.querySelector(S.recordName);
  return name && page.recordId ? [{ accountId: page.recordId, anchor: name, size: 'large' }] : [];
}

function findDeal(root: ParentNode): MountPoint[] {
  const link = root.querySelector(S.dealAccountLink);
  const id = accountIdFromHref(link?.getAttribute('href'));
  return link && id ? [{ accountId: id, anchor: link, size: 'compact' }] : [];
}

function findList(root: ParentNode): MountPoint[] {
  const out: MountPoint[] = [];
  for (const table of root.querySelectorAll(S.accountsListTable)) {
    for (const row of table.querySelectorAll(S.listRow)) {
      const own = row.querySelector(S.listRecordLink);
      const link = own ?? row.querySelector(S.listAccountLink);
      if (!link) continue;
      const id = accountIdFromHref(link.getAttribute('href')) ?? (own ? own.id.slice('listView_'.length) : null);
      if (id && RECORD_ID.test(id)) out.push({ accountId: id, anchor: link, size: 'compact', placement: 'before' });
    }
  }
  return out;
}

export const zoho: SiteAdapter = {
  id: 'zoho',
  crm: ZOHO_CRM,
  matches: (url) => url.protocol === 'https:' && isZohoHost(url.hostname),
  parse: parseZohoUrl,
  find(root, page) {
    if (page.kind === 'account') return findAccount(root, page);
    if (page.kind === 'deal') return findDeal(root);
    return findList(root);
  },
};

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
