/**
 * The demo CRM's web pages, served by the worker under /demo: something that looks and behaves
 * like a CRM (top bar, left navigation, an accounts list, a record page per account with
 * related lists), for trying the extension without a CRM account.
 *
 * Plain server-rendered HTML: no scripts, no external resources, inline CSS only; links take
 * you between the list and the records.
 *
 * Hooks the extension's site adapter relies on (keep them stable):
 * - list rows: `tr[data-account-id="{id}"]`, the name cell `td.account-name a`;
 * - record page: `[data-record-id="{id}"]` on the record header, wrapping `h1.record-name`.
 *
 * Every string that comes from the CRM goes through `escapeHtml`, in text and in attributes:
 * CRM data is untrusted (an account can be named `<img src=x onerror=alert(1)>`).
 */
import type { AccountSnapshot, Lang } from '../../shared/schema.ts';

/** Where the pages live (the worker mounts them; `{id}` is the URL-encoded account id). */
export const DEMO_PAGE_PATHS = {
  /** The demo home: the worker shows (or redirects to) the accounts list. */
  home: '/demo',
  /** The accounts list view. `?lang=zh|en` picks the language of the chrome. */
  list: '/demo/accounts',
  /** One account's record page. */
  detail: '/demo/accounts/{id}',
} as const;

export interface DemoPageOptions {
  /** Language of the page chrome; CRM data is shown as it is. */
  lang: Lang;
  /** Where the pages are mounted; links are built from it. Default `/demo`. */
  basePath?: string;
}

/**
 * A Content-Security-Policy the worker may send with these pages: nothing but inline styles
 * runs, so even a missed escape could not execute script. (Content scripts of the extension are
 * not subject to it.)
 */
export const DEMO_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML text and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/** The URL path of an account's record page. */
export function demoAccountPath(id: string, basePath: string = DEMO_PAGE_PATHS.home): string {
  return `${basePath}/accounts/${encodeURIComponent(id)}`;
}

// ---------------------------------------------------------------- chrome text

const TEXT = {
  zh: {
    brandSub: '演示 CRM',
    nav: { home: '首页', accounts: '客户', contacts: '联系人', deals: '商机', activities: '活动', reports: '报表' },
    navLabel: '主导航',
    accounts: '客户',
    allAccounts: '全部客户',
    count: (n: number) => `共 ${n} 个客户`,
    cols: { name: '客户名称', industry: '行业', city: '城市', owner: '负责人', revenue: '年营业额' },
    back: '返回客户列表',
    details: '客户信息',
    fields: {
      id: '记录 ID',
      industry: '行业',
      country: '国家/地区',
      region: '省/州',
      city: '城市',
      employees: '员工人数',
      annualRevenue: '年营业额',
      owner: '负责人',
      type: '客户类型',
      currency: '币种',
      createdAt: '创建时间',
      annualAgreement: '年度供货协议',
      keyAccount: '重点客户',
      overdueAmount: '逾期金额',
      personality: '性格类型',
    },
    custom: '自定义字段',
    yes: '是',
    no: '否',
    deals: '商机 / 订单',
    dealCols: { id: '编号', category: '类别', amount: '金额', status: '阶段', closedAt: '结单日期' },
    status: { won: '赢单', lost: '输单', open: '进行中' } as Record<string, string>,
    activities: '活动记录',
    activityCols: { kind: '类型', at: '时间' },
    kinds: {
      call: '电话',
      email: '邮件',
      meeting: '会议',
      visit: '拜访',
      ticket: '工单',
      chat: '在线沟通',
      web: '网站行为',
      other: '其他',
    } as Record<string, string>,
    surveys: '满意度与推荐调查',
    surveyCols: { kind: '调查', score: '评分', at: '时间' },
    referrals: '转介绍',
    referralCount: (n: number) => `共 ${n} 次转介绍`,
    showing: (shown: number, total: number) => `显示最近 ${shown} 条，共 ${total} 条`,
    none: '暂无记录',
    notFound: '找不到该客户',
    notFoundBody: (id: string) => `演示 CRM 中没有 ID 为 ${id} 的客户。`,
    language: '语言',
  },
  en: {
    brandSub: '演示 CRM',
    nav: { home: 'Home', accounts: 'Accounts', contacts: 'Contacts', deals: 'Deals', activities: 'Activities', reports: 'Reports' },
    navLabel: 'Main navigation',
    accounts: 'Accounts',
    allAccounts: 'All accounts',
    count: (n: number) => `${n} accounts`,
    cols: { name: 'Account name', industry: 'Industry', city: 'City', owner: 'Account owner', revenue: 'Annual revenue' },
    back: 'Back to accounts',
    details: 'Account information',
    fields: {
      id: 'Record ID',
      industry: 'Industry',
      country: 'Country',
      region: 'Region',
      city: 'City',
      employees: 'Employees',
      annualRevenue: 'Annual revenue',
      owner: 'Account owner',
      type: 'Account type',
      currency: 'Currency',
      createdAt: 'Created',
      annualAgreement: 'Annual supply agreement',
      keyAccount: 'Key account',
      overdueAmount: 'Overdue amount',
      personality: 'Personality',
    },
    custom: 'Custom fields',
    yes: 'Yes',
    no: 'No',
    deals: 'Deals / orders',
    dealCols: { id: 'Deal', category: 'Category', amount: 'Amount', status: 'Stage', closedAt: 'Closing date' },
    status: { won: 'Closed won', lost: 'Closed lost', open: 'Open' } as Record<string, string>,
    activities: 'Activities',
    activityCols: { kind: 'Type', at: 'Time' },
    kinds: {
      call: 'Call',
      email: 'Email',
      meeting: 'Meeting',
      visit: 'Visit',
      ticket: 'Ticket',
      chat: 'Chat',
      web: 'Web event',
      other: 'Other',
    } as Record<string, string>,
    surveys: 'Surveys',
    surveyCols: { kind: 'Survey', score: 'Score', at: 'Time' },
    referrals: 'Referrals',
    referralCount: (n: number) => `${n} referrals`,
    showing: (shown: number, total: number) => `Showing the latest ${shown} of ${total}`,
    none: 'No records',
    notFound: 'Account not found',
    notFoundBody: (id: string) => `The demo CRM has no account with id ${id}.`,
    language: 'Language',
  },
} as const;

type Text = (typeof TEXT)[Lang];

const MAX_ACTIVITIES = 50;

// ---------------------------------------------------------------- formatting

/** 1234567.5 -> "1,234,567.5"; deterministic, independent of the runtime's locale data. */
function groupDigits(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [int, frac] = String(Math.abs(Math.round(n * 100) / 100)).split('.');
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

function money(amount: number | undefined, currency: string | undefined): string {
  if (amount === undefined) return '';
  return escapeHtml(currency ? `${currency} ${groupDigits(amount)}` : groupDigits(amount));
}

/** ISO time -> "2026-11-02" or "2026-11-02 03:00 UTC"; anything unparsable is shown as it is. */
function when(iso: string | undefined, withTime: boolean): string {
  if (iso === undefined) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeHtml(iso);
  const s = new Date(ms).toISOString();
  return withTime ? `${s.slice(0, 10)} ${s.slice(11, 16)} UTC` : s.slice(0, 10);
}

// ---------------------------------------------------------------- layout

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2933;background:#f3f5f8}
a{color:#0b5cad;text-decoration:none}a:hover{text-decoration:underline}
.topbar{display:flex;align-items:center;gap:16px;height:48px;padding:0 16px;background:#1d3557;color:#fff}
.brand{font-weight:600;font-size:16px;white-space:nowrap}.brand span{font-weight:400;opacity:.8}
.topbar .spacer{flex:1}.lang a{color:#fff;margin-left:8px;opacity:.75}.lang a[aria-current]{opacity:1;font-weight:600;text-decoration:underline}
.shell{display:flex;min-height:calc(100vh - 48px)}
.sidenav{width:180px;flex:none;background:#fff;border-right:1px solid #dde3ea;padding:12px 0}
.sidenav ul{list-style:none;margin:0;padding:0}.sidenav li>*{display:block;padding:8px 20px;color:#52606d}
.sidenav a[aria-current]{background:#e8f0fb;color:#0b5cad;font-weight:600;border-left:3px solid #0b5cad;padding-left:17px}
.sidenav span{color:#9aa5b1;cursor:default}
main{flex:1;min-width:0;padding:20px 24px}
.page-title{display:flex;align-items:baseline;gap:12px;margin:0 0 12px}.page-title h1{margin:0;font-size:20px}.muted{color:#7b8794}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #dde3ea}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #edf0f3;vertical-align:top;overflow-wrap:anywhere}
th{background:#f8fafc;font-weight:600;color:#52606d;font-size:13px}
td.num,th.num{text-align:right;white-space:nowrap}
tr:hover td{background:#fafcff}
td.account-name{max-width:420px;font-weight:500}
.crumbs{margin-bottom:8px;font-size:13px}
.record-header{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:16px 20px;margin-bottom:16px}
.record-header h1{margin:0 0 4px;font-size:22px;overflow-wrap:anywhere}
.card{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:12px 16px;margin-bottom:16px}
.card h2{font-size:15px;margin:0 0 10px}.card h2.custom-title{margin-top:16px}
.card table{border:0}
dl{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:4px 24px;margin:0}
dl div{display:flex;gap:8px;padding:4px 0;border-bottom:1px dashed #edf0f3}
dt{color:#7b8794;min-width:120px;flex:none}dd{margin:0;overflow-wrap:anywhere}
.status-won{color:#1a7f37}.status-lost{color:#b42318}.status-open{color:#0b5cad}
`;

interface Frame {
  title: string;
  /** Path of this page without the query, for the language switch. */
  path: string;
  body: string;
}

function layout(frame: Frame, opts: DemoPageOptions): string {
  const t = TEXT[opts.lang];
  const base = opts.basePath ?? DEMO_PAGE_PATHS.home;
  const langLink = (l: Lang, label: string) =>
    `<a href="${escapeHtml(`${frame.path}?lang=${l}`)}" hreflang="${l}"${l === opts.lang ? ' aria-current="true"' : ''}>${label}</a>`;
  const accountsHref = escapeHtml(`${base}/accounts?lang=${opts.lang}`);
  return `<!doctype html>
<html lang="${opts.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(frame.title)} · TierLens Demo CRM</title>
<style>${CSS}</style>
</head>
<body>
<header class="topbar">
<div class="brand">TierLens Demo CRM <span>/ ${t.brandSub}</span></div>
<div class="spacer"></div>
<nav class="lang" aria-label="${t.language}">${langLink('zh', '中文')}${langLink('en', 'English')}</nav>
</header>
<div class="shell">
<nav class="sidenav" aria-label="${t.navLabel}">
<ul>
<li><span aria-disabled="true">${t.nav.home}</span></li>
<li><a href="${accountsHref}" aria-current="page">${t.nav.accounts}</a></li>
<li><span aria-disabled="true">${t.nav.contacts}</span></li>
<li><span aria-disabled="true">${t.nav.deals}</span></li>
<li><span aria-disabled="true">${t.nav.activities}</span></li>
<li><span aria-disabled="true">${t.nav.reports}</span></li>
</ul>
</nav>
<main>
${frame.body}
</main>
</div>
</body>
</html>
`;
}

// ---------------------------------------------------------------- list view

/** The accounts list view: one row per account, in the order given. */
export function renderDemoList(accounts: readonly AccountSnapshot[], opts: DemoPageOptions): string {
  const t = TEXT[opts.lang];
  const base = opts.basePath ?? DEMO_PAGE_PATHS.home;
  const rows = accounts.map((a) => {
    const href = `${demoAccountPath(a.id, base)}?lang=${opts.lang}`;
    const at = a.attributes ?? {};
    return `<tr data-account-id="${escapeHtml(a.id)}">\
<td class="account-name"><a href="${escapeHtml(href)}">${escapeHtml(a.name)}</a></td>\
<td>${escapeHtml(at.industry ?? '')}</td>\
<td>${escapeHtml(at.city ?? '')}</td>\
<td>${escapeHtml(at.owner ?? '')}</td>\
<td class="num">${money(at.annualRevenue, a.currency)}</td></tr>`;
  });
  const body = `<div class="page-title"><h1>${t.allAccounts}</h1><span class="muted">${t.count(accounts.length)}</span></div>
<table class="account-list">
<thead><tr><th scope="col">${t.cols.name}</th><th scope="col">${t.cols.industry}</th><th scope="col">${t.cols.city}</th><th scope="col">${t.cols.owner}</th><th scope="col" class="num">${t.cols.revenue}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  return layout({ title: t.accounts, path: `${base}/accounts`, body }, opts);
}

// ---------------------------------------------------------------- record page

function field(label: string, valueHtml: string): string {
  return valueHtml === '' ? '' : `<div><dt>${label}</dt><dd>${valueHtml}</dd></div>`;
}

function detailsCard(a: AccountSnapshot, t: Text): string {
  const at = a.attributes ?? {};
  const f = t.fields;
  const flag = (v: boolean | undefined) => (v === undefined ? '' : v ? t.yes : t.no);
  const num = (n: number | undefined) => (n === undefined ? '' : escapeHtml(groupDigits(n)));
  const standard = [
    field(f.id, escapeHtml(a.id)),
    field(f.owner, escapeHtml(at.owner ?? '')),
    field(f.industry, escapeHtml(at.industry ?? '')),
    field(f.type, escapeHtml(at.type ?? '')),
    field(f.country, escapeHtml(at.country ?? '')),
    field(f.region, escapeHtml(at.region ?? '')),
    field(f.city, escapeHtml(at.city ?? '')),
    field(f.employees, num(at.employees)),
    field(f.annualRevenue, money(at.annualRevenue, a.currency)),
    field(f.currency, escapeHtml(a.currency ?? '')),
    field(f.createdAt, when(a.createdAt, false)),
    field(f.annualAgreement, flag(a.flags?.annualAgreement)),
    field(f.keyAccount, flag(a.flags?.keyAccount)),
    field(f.overdueAmount, money(a.overdueAmount, a.currency)),
    field(f.personality, escapeHtml(a.personality ?? '')),
  ];
  const known = new Set(['industry', 'country', 'region', 'city', 'employees', 'annualRevenue', 'owner', 'type']);
  const extra = [
    ...Object.entries(at).filter(([k]) => !known.has(k)),
    ...Object.entries(a.flags ?? {}).filter(([k]) => k !== 'annualAgreement' && k !== 'keyAccount'),
    ...Object.entries(a.fields ?? {}),
  ].map(([k, v]) => field(escapeHtml(k), v === null ? '—' : typeof v === 'boolean' ? (v ? t.yes : t.no) : escapeHtml(v)));
  return `<section class="card details" aria-labelledby="details-title">
<h2 id="details-title">${t.details}</h2>
<dl>${standard.join('')}</dl>
${extra.length ? `<h2 class="custom-title">${t.custom}</h2>\n<dl class="custom-fields">${extra.join('')}</dl>` : ''}
</section>`;
}

function relatedList(id: string, title: string, headHtml: string, rowsHtml: readonly string[], t: Text, note = ''): string {
  const table = rowsHtml.length
    ? `<table><thead><tr>${headHtml}</tr></thead><tbody>\n${rowsHtml.join('\n')}\n</tbody></table>`
    : `<p class="muted">${t.none}</p>`;
  return `<section class="card related related-${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${title} <span class="muted">(${rowsHtml.length === 0 ? 0 : note || rowsHtml.length})</span></h2>
${table}
</section>`;
}

function dealsCard(a: AccountSnapshot, t: Text): string {
  const c = t.dealCols;
  const rows = (a.orders ?? []).map(
    (o) => `<tr data-deal-id="${escapeHtml(o.id)}"><td>${escapeHtml(o.id)}</td><td>${escapeHtml(o.category ?? '')}</td>\
<td class="num">${money(o.amount, a.currency)}</td><td class="status-${o.status}">${t.status[o.status] ?? escapeHtml(o.status)}</td>\
<td>${when(o.closedAt, false)}</td></tr>`,
  );
  const head = `<th scope="col">${c.id}</th><th scope="col">${c.category}</th><th scope="col" class="num">${c.amount}</th><th scope="col">${c.status}</th><th scope="col">${c.closedAt}</th>`;
  return relatedList('deals', t.deals, head, rows, t);
}

function activitiesCard(a: AccountSnapshot, t: Text): string {
  const c = t.activityCols;
  const all = [...(a.interactions ?? [])].sort((x, y) => (Date.parse(y.at) || 0) - (Date.parse(x.at) || 0));
  const shown = all.slice(0, MAX_ACTIVITIES);
  const rows = shown.map((i) => `<tr><td>${t.kinds[i.kind] ?? escapeHtml(i.kind)}</td><td>${when(i.at, true)}</td></tr>`);
  const head = `<th scope="col">${c.kind}</th><th scope="col">${c.at}</th>`;
  const note = all.length > shown.length ? escapeHtml(t.showing(shown.length, all.length)) : '';
  return relatedList('activities', t.activities, head, rows, t, note);
}

function surveysCard(a: AccountSnapshot, t: Text): string {
  const c = t.surveyCols;
  const rows = (a.surveys ?? []).map(
    (s) =>
      `<tr><td>${s.kind === 'csat' ? 'CSAT (1-5)' : 'NPS (0-10)'}</td><td class="num">${escapeHtml(s.score)}</td><td>${when(s.at, false)}</td></tr>`,
  );
  const head = `<th scope="col">${c.kind}</th><th scope="col" class="num">${c.score}</th><th scope="col">${c.at}</th>`;
  return relatedList('surveys', t.surveys, head, rows, t);
}

function referralsCard(a: AccountSnapshot, t: Text): string {
  const rows = (a.referrals ?? []).map((r) => `<tr><td>${when(r.at, false)}</td></tr>`);
  return relatedList('referrals', t.referrals, `<th scope="col">${t.activityCols.at}</th>`, rows, t);
}

/** One account's record page: header, details, related lists. */
export function renderDemoDetail(account: AccountSnapshot, opts: DemoPageOptions): string {
  const t = TEXT[opts.lang];
  const base = opts.basePath ?? DEMO_PAGE_PATHS.home;
  const at = account.attributes ?? {};
  const meta = [at.industry, at.city, at.owner]
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .map(escapeHtml)
    .join(' · ');
  const body = `<div class="crumbs"><a href="${escapeHtml(`${base}/accounts?lang=${opts.lang}`)}">← ${t.back}</a></div>
<header class="record-header" data-record-id="${escapeHtml(account.id)}">
<h1 class="record-name">${escapeHtml(account.name)}</h1>
<div class="muted record-meta">${meta}</div>
</header>
${detailsCard(account, t)}
${dealsCard(account, t)}
${activitiesCard(account, t)}
${surveysCard(account, t)}
${referralsCard(account, t)}`;
  return layout({ title: account.name, path: demoAccountPath(account.id, base), body }, opts);
}

/** The page for an id the demo CRM does not know (serve it with status 404). */
export function renderDemoNotFound(id: string, opts: DemoPageOptions): string {
  const t = TEXT[opts.lang];
  const base = opts.basePath ?? DEMO_PAGE_PATHS.home;
  const body = `<div class="crumbs"><a href="${escapeHtml(`${base}/accounts?lang=${opts.lang}`)}">← ${t.back}</a></div>
<div class="page-title"><h1>${t.notFound}</h1></div>
<p>${escapeHtml(t.notFoundBody(id))}</p>`;
  return layout({ title: t.notFound, path: demoAccountPath(id, base), body }, opts);
}
