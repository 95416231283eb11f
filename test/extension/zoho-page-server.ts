/**
 * Zoho-like CRM pages for a person to open in an ordinary browser: `npm run start:zoho` serves
 * the Zoho simulator's accounts with them on a loopback port (http://127.0.0.1:8789 by
 * default), at Zoho's URL shapes, in both shells (zoho-pages.ts renders them):
 *   /crm/org123456/tab/Accounts/{id}                              account, classic shell
 *   /crm/zylker/tab/Accounts/{id}                                 account, "CRM for Everyone"
 *   /crm/{org}/tab/Accounts/custom-view/{cvid}/list[?per_page=100] the accounts list view
 *   /crm/{org}/tab/Potentials/{dealId}                            a deal (its account's badge)
 *   /                                                             an index of the above
 * The extension runs there once the origin is added in its options ("CRM sites", as a Zoho
 * site). Records are read from the simulator on every request, so its changes show on reload.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AccountSnapshot, Order } from '../../shared/schema.ts';
import { accountDetail, accountList, dealDetail, ORG, type PageData, type Shell } from './zoho-pages.ts';

/** A Zoho CRM record as the v8 API (and the simulator) returns it. */
export interface ZohoRecordLike {
  id: string;
  [field: string]: unknown;
}

/** Where the pages read their records: the simulator's store in `npm run start:zoho`. */
export interface ZohoRecordSource {
  account(id: string): ZohoRecordLike | undefined;
  accounts(): ZohoRecordLike[];
  deals(): ZohoRecordLike[];
}

/** The list view's id in the page URLs (any digits do; Zoho's look like this). */
export const LIST_CVID = '4876876000000087501';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const lookupId = (v: unknown): string | undefined => (v && typeof v === 'object' ? str((v as { id?: unknown }).id) : undefined);
const lookupName = (v: unknown): string | undefined => (v && typeof v === 'object' ? str((v as { name?: unknown }).name) : undefined);

function dealStatus(stage: unknown): Order['status'] {
  const s = String(stage ?? '');
  return s === 'Closed Won' ? 'won' : s.startsWith('Closed') ? 'lost' : 'open';
}

/** What the pages show of a Zoho account and its deals, in the shape zoho-pages.ts renders. */
export function snapshotOfZohoAccount(account: ZohoRecordLike, deals: readonly ZohoRecordLike[]): AccountSnapshot {
  const name = str(account.Account_Name) ?? account.id;
  const attributes: Record<string, string | number> = {};
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined) attributes[key] = value;
  };
  set('industry', str(account.Industry));
  set('city', str(account.Billing_City));
  set('owner', lookupName(account.Owner));
  set('annualRevenue', num(account.Annual_Revenue));
  set('employees', num(account.Employees));
  set('type', str(account.Account_Type));
  const orders: Order[] = deals
    .filter((d) => lookupId(d.Account_Name) === account.id)
    .map((d) => {
      const dealName = str(d.Deal_Name) ?? '';
      const order: Order = { id: d.id, amount: num(d.Amount) ?? 0, status: dealStatus(d.Stage) };
      const closedAt = str(d.Closing_Date);
      if (closedAt) order.closedAt = closedAt;
      const category = dealName.startsWith(`${name} - `) ? dealName.slice(name.length + 3) : dealName;
      if (category) order.category = category;
      return order;
    });
  const currency = str(account.Currency);
  return { crm: 'zoho', id: account.id, name, ...(currency ? { currency } : {}), attributes, orders };
}

/** The pages' data over a record source; the list starts with `first` (the featured accounts). */
export function zohoPageData(source: ZohoRecordSource, first: readonly string[] = []): PageData & { has(id: string): boolean } {
  const snapshot = (a: ZohoRecordLike) => snapshotOfZohoAccount(a, source.deals());
  return {
    has: (id) => source.account(id) !== undefined,
    get(id) {
      const a = source.account(id);
      return a ? snapshot(a) : { crm: 'zoho', id, name: id };
    },
    list(n) {
      const head = first.map((id) => source.account(id)).filter((a): a is ZohoRecordLike => !!a);
      const seen = new Set(head.map((a) => a.id));
      const rest = source
        .accounts()
        .filter((a) => !seen.has(a.id))
        .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      const deals = source.deals();
      return [...head, ...rest].slice(0, n).map((a) => snapshotOfZohoAccount(a, deals));
    },
  };
}

export interface ZohoPageUrls {
  /** The index page. */
  index: string;
  /** The accounts list view in each shell. */
  list: Record<Shell, string>;
  account: (id: string, shell?: Shell) => string;
  deal: (id: string, shell?: Shell) => string;
}

export function zohoPageUrls(origin: string): ZohoPageUrls {
  const tab = (shell: Shell) => `${origin}/crm/${ORG[shell]}/tab`;
  return {
    index: `${origin}/`,
    list: {
      classic: `${tab('classic')}/Accounts/custom-view/${LIST_CVID}/list`,
      everyone: `${tab('everyone')}/Accounts/custom-view/${LIST_CVID}/list`,
    },
    account: (id, shell = 'classic') => `${tab(shell)}/Accounts/${id}`,
    deal: (id, shell = 'classic') => `${tab(shell)}/Potentials/${id}`,
  };
}

const notFound = (what: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>Not found - Zoho CRM</title><body style="font:14px system-ui;margin:40px"><h1>Not found</h1><p>${what}</p><p><a href="/">All pages</a></p></body></html>`;

const esc = (v: string) =>
  v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface ZohoPageServerOptions {
  source: ZohoRecordSource;
  /** Accounts listed first (and linked from the index). */
  featured?: Readonly<Record<string, string>>;
  port?: number;
  host?: string;
}

export interface ZohoPageServer {
  origin: string;
  urls: ZohoPageUrls;
  close(): Promise<void>;
}

/**
 * The page for a path (null: 404). The org segment picks the shell: `org<digits>` the classic
 * one, a custom slug "CRM for Everyone". `/tab/Accounts` alone shows the list view.
 */
export function renderZohoPage(url: URL, source: ZohoRecordSource, data: PageData & { has(id: string): boolean }): string | null {
  const m = /^\/crm\/([^/]+)\/tab\/([^/]+)(?:\/(.*))?$/.exec(url.pathname);
  if (!m) return null;
  const [, org = '', module, rest = ''] = m;
  const shell: Shell = /^org\d+$/.test(org) ? 'classic' : 'everyone';
  const parts = rest.split('/').filter(Boolean);
  const record = parts.length === 1 && /^\d+$/.test(parts[0] as string) ? (parts[0] as string) : null;
  if (module === 'Accounts' && record) return data.has(record) ? accountDetail(shell, record, data) : null;
  if (module === 'Accounts' && (parts.length === 0 || (parts.length === 3 && parts[0] === 'custom-view' && parts[2] === 'list'))) {
    return accountList(shell, url.searchParams.get('per_page') === '100' ? 100 : 50, data);
  }
  if (module === 'Potentials' && record) {
    const account = lookupId(source.deals().find((d) => d.id === record)?.Account_Name);
    return account && data.has(account) ? dealDetail(shell, account, record, data) : null;
  }
  return null;
}

export async function startZohoPageServer(opts: ZohoPageServerOptions): Promise<ZohoPageServer> {
  const { source } = opts;
  const featured = Object.entries(opts.featured ?? {});
  const data = zohoPageData(
    source,
    featured.map(([, id]) => id),
  );
  const spa = readFileSync(join(import.meta.dirname, '../fixtures/zoho-pages/spa.js'), 'utf8');
  let urls: ZohoPageUrls = zohoPageUrls('');

  const index = () => {
    const link = (href: string, label: string) => `<li><a href="${esc(href)}">${esc(label)}</a></li>`;
    const name = (id: string) => str(source.account(id)?.Account_Name) ?? id;
    const deals = source.deals();
    const dealOf = (accountId: string) => deals.find((d) => lookupId(d.Account_Name) === accountId);
    const accounts = featured
      .map(([tier, id]) => {
        const deal = dealOf(id);
        return `<li>${esc(tier)}: <a href="${esc(urls.account(id))}">${esc(name(id))}</a> · <a href="${esc(urls.account(id, 'everyone'))}">CRM for Everyone</a>${deal ? ` · <a href="${esc(urls.deal(deal.id))}">a deal</a>` : ''}</li>`;
      })
      .join('\n');
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Zoho CRM pages (simulator) - TierLens</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:32px;max-width:900px;color:#313949}a{color:#1b6ac9}code{background:#f3f4f7;padding:0 4px}</style></head>
<body><h1>Zoho CRM pages for the simulator's accounts</h1>
<p>Zoho-like pages at Zoho's URL shapes, for trying the TierLens extension without a Zoho org. Add <code>${esc(new URL(urls.index).origin)}</code> as a Zoho site in the extension's options ("CRM sites") first.</p>
<h2>Accounts list view</h2><ul>${link(urls.list.classic, 'All Accounts (classic)')}${link(`${urls.list.classic}?per_page=100`, 'All Accounts, 100 per page (classic)')}${link(urls.list.everyone, 'All Accounts (CRM for Everyone)')}</ul>
<h2>Accounts</h2><ul>
${accounts}
</ul></body></html>
`;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/__fixtures/spa.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(spa);
      return;
    }
    const html = url.pathname === '/' ? index() : renderZohoPage(url, source, data);
    res
      .writeHead(html === null ? 404 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(html ?? notFound(`No Zoho CRM page at ${esc(url.pathname)} in this simulation.`));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  urls = zohoPageUrls(origin);
  return {
    origin,
    urls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
