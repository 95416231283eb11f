/**
 * Zoho CRM pages as the fixtures save them: test/extension/generate-zoho-fixtures.ts writes
 * them to test/fixtures/zoho-pages/, and the end-to-end fixture server renders the same pages
 * for any other account id.
 *
 * The markup imitates what crm/zoho.md section 7 records of Zoho's crux components (record
 * header `span#recHeader1`, list `crux-table-component[data-zcqa="cxListViewTable"]` with
 * `lyte-exptable-tr[data-zcqa="detailView"]` rows and `a#listView_{id}` links, field values
 * under `data-zcqa="value_<API name>"`), inside the two shells: classic (horizontal tab bar)
 * and "CRM for Everyone" (left rail, white top bar, #EEF1F9 list background). Account ids and
 * names are the worker's demo accounts by default, so the end-to-end tests classify them for
 * real; the render functions also take other accounts (`PageData`: `npm run start:zoho` serves
 * the Zoho simulator's, see zoho-page-server.ts). CRM data is HTML-escaped, as Zoho escapes it.
 */
import type { AccountSnapshot } from '../../shared/schema.ts';
import { DEMO_FEATURED, DEMO_SPECIAL, generateDemoAccounts } from '../../worker/connectors/demo/data.ts';

const accounts = generateDemoAccounts(Date.UTC(2026, 10, 23));
const byId = new Map(accounts.map((a) => [a.id, a]));
/** A demo account, or a stand-in for an id the demo CRM does not have (the "unknown account" page). */
export const get = (id: string): AccountSnapshot =>
  byId.get(id) ?? { crm: 'demo', id, name: 'Hollow Pines Trading', attributes: { industry: 'Retail', city: 'Leeds' } };

/** The accounts the pages show. */
export interface PageData {
  /** One account (or a stand-in for an id the CRM does not have). */
  get(id: string): AccountSnapshot;
  /** The list view's first `n` accounts, in order. */
  list(n: number): AccountSnapshot[];
}

const esc = (v: unknown) =>
  String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export type Shell = 'classic' | 'everyone';
/** Classic pages live under an `org<digits>` segment, "CRM for Everyone" ones under a custom org slug. */
export const ORG: Record<Shell, string> = { classic: 'org123456', everyone: 'zylker' };
const base = (shell: Shell) => `/crm/${ORG[shell]}/tab`;

const MODULES = ['Home', 'Leads', 'Contacts', 'Accounts', 'Potentials', 'Activities', 'Reports'];
const MODULE_LABEL: Record<string, string> = { Potentials: 'Deals' };

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:13px/1.4 "Lato","Segoe UI",Arial,sans-serif;color:#313949;background:#fff}
a{color:#1b6ac9;text-decoration:none}
lyte-exptable{display:table;width:100%;border-collapse:collapse;table-layout:fixed}
lyte-exptable-tr{display:table-row}
lyte-yield.lyteExpTableRowGroup{display:table-row-group}
lyte-exptable-th,lyte-exptable-td{display:table-cell;padding:8px 10px;border-bottom:1px solid #e9ecf2;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;vertical-align:middle}
lyte-exptable-th{font-weight:600;color:#5b6473;background:#f7f8fb}
lyte-button{display:inline-block}
lyte-button button{font:inherit;padding:5px 14px;border:1px solid #c9d0dc;border-radius:3px;background:#fff;color:#313949}
.cxDvHeaderParent{padding:16px 24px;border-bottom:1px solid #e9ecf2;background:#fff}
#recordDetails{display:flex;align-items:center;gap:14px;flex-wrap:wrap}
.cxDvRecordName{display:flex;align-items:center;font-size:20px;font-weight:600;min-width:0;max-width:60%}
.cxDvRecordHeader1{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.cxDvRecordHeader2{color:#8a93a3;font-size:13px;font-weight:400;margin-left:8px}
.cxDvRecordEmail{color:#5b6473}
.cxDvActions{margin-left:auto;display:flex;gap:8px}
.cxDvBody{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:8px 32px;padding:16px 24px}
.cxDvField{display:flex;gap:12px}
.cxDvLabel{width:150px;flex:none;color:#8a93a3;text-align:right}
.cxDvSection{padding:0 24px 24px}
.cxDvSection h3{font-size:14px;margin:16px 0 8px}
.cxLvRecordCount{color:#5b6473;padding:8px 24px}
`;

const CLASSIC_STYLE = `
#mainMenuTabDiv{background:#1f2b46;color:#fff;height:44px;display:flex;align-items:center;padding:0 16px}
#mainMenuTabDiv .lyteMenuItems{display:flex;gap:2px}
#mainMenuTabDiv .lyteMenuItems a{color:#d6dcea;padding:12px 14px;display:block}
#mainMenuTabDiv .lyteMenuItems a.selected{color:#fff;background:#2d3d63}
.crmLogo{font-weight:700;margin-right:18px}
.cxLvToolbar{display:flex;align-items:center;gap:12px;padding:10px 24px;border-bottom:1px solid #e9ecf2}
#crm-page{background:#fff}
.listWrap{padding:0 24px}
`;

const EVERYONE_STYLE = `
body{display:grid;grid-template-columns:64px 200px 1fr;min-height:100vh}
.cx-rail{background:#15203a;color:#fff;display:flex;flex-direction:column;align-items:center;gap:14px;padding-top:14px}
.cx-rail span{width:36px;height:36px;border-radius:8px;background:#263556;display:grid;place-items:center;font-size:11px}
.cx-teamspace{background:#f5f7fc;border-right:1px solid #e3e7f1;padding:14px 10px}
.cx-teamspace h2{font-size:12px;text-transform:uppercase;color:#8a93a3;margin:6px 8px 10px}
.cx-teamspace a{display:block;padding:7px 10px;border-radius:6px;color:#313949}
.cx-teamspace a.selected{background:#e2e9fb;color:#1b4fb8;font-weight:600}
.cx-main{display:flex;flex-direction:column;min-width:0}
.cx-topbar{height:52px;background:#fff;border-bottom:1px solid #e3e7f1;display:flex;align-items:center;padding:0 24px}
.cx-topbar h1{font-size:16px;margin:0}
#crm-page{flex:1}
#crm-page[data-page="list"]{background:#EEF1F9;padding:16px}
#crm-page[data-page="list"] .listWrap{background:#fff;border-radius:8px;overflow:hidden}
.cxLvToolbar{display:flex;align-items:center;gap:12px;padding:0 0 12px}
`;

function chrome(shell: Shell, module: string, title: string, page: 'detail' | 'list', body: string): string {
  const nav = MODULES.map((m) => {
    const href = m === 'Home' ? `${base(shell)}/Home/begin` : `${base(shell)}/${m}`;
    return `<div><a href="${href}"${m === module ? ' class="selected"' : ''}>${MODULE_LABEL[m] ?? m}</a></div>`;
  }).join('');
  const head = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)} - Zoho CRM</title>
<style>${STYLE}${shell === 'classic' ? CLASSIC_STYLE : EVERYONE_STYLE}</style>
</head>`;
  const spa = '<script src="/__fixtures/spa.js"></script>';
  if (shell === 'classic') {
    return `${head}
<body class="crm-classic">
<div id="mainMenuTabDiv"><span class="crmLogo">CRM</span><crm-menu><div class="crmMenuLeft"><crm-tab><div class="lyteMenuItems">${nav}</div></crm-tab></div></crm-menu></div>
<div id="crm-page" data-page="${page}">
${body}
</div>
${spa}
</body>
</html>
`;
  }
  return `${head}
<body class="crm-everyone">
<nav class="cx-rail" aria-label="Apps"><span>CRM</span><span>Mail</span><span>Desk</span></nav>
<nav class="cx-teamspace" aria-label="Teamspace"><h2>Sales</h2>${nav}</nav>
<div class="cx-main">
<header class="cx-topbar"><h1>${esc(MODULE_LABEL[module] ?? module)}</h1></header>
<div id="crm-page" data-page="${page}">
${body}
</div>
</div>
${spa}
</body>
</html>
`;
}

const money = (a: AccountSnapshot, n: number | undefined) =>
  n === undefined ? '' : `${a.currency === 'USD' ? '$' : '¥'}${n.toLocaleString('en-US')}`;
const field = (label: string, api: string, value: string) =>
  `<div class="cxDvField"><span class="cxDvLabel">${esc(label)}</span><span data-zcqa="value_${api}"><lyte-text lt-prop-value="${esc(value)}">${esc(value)}</lyte-text></span></div>`;

export function accountDetail(shell: Shell, id: string, data: PageData = DEMO_DATA): string {
  const a = data.get(id);
  const at = a.attributes ?? {};
  const deals = (a.orders ?? []).slice(0, 5);
  const rows = deals
    .map(
      (o) =>
        `<tr><td><a href="${base(shell)}/Potentials/${o.id}">${esc(`${a.name} - ${o.category ?? 'Order'}`)}</a></td><td>${esc(o.status === 'won' ? 'Closed Won' : o.status === 'lost' ? 'Closed Lost' : 'Negotiation')}</td><td>${esc(money(a, o.amount))}</td></tr>`,
    )
    .join('\n');
  const body = `<crux-detailpage-header>
<div class="cxDvHeaderParent"><div id="recordDetails">
<div class="cxDvRecordName"><span id="recHeader1" class="cxDvRecordHeader1">${esc(a.name)}</span><span id="recHeader2" class="cxDvRecordHeader2">${esc(at.industry ?? '')}</span></div>
<div class="cxDvRecordEmail">${esc(at.city ?? '')}</div>
<div id="cx_detail_record_tags"></div>
<div class="cxDvActions"><lyte-button data-zcqa="edit"><button type="button">Edit</button></lyte-button><lyte-button id="record_options" data-zcqa="CustomizeTools"><button type="button" aria-label="More">…</button></lyte-button></div>
</div></div>
</crux-detailpage-header>
<div class="cxDvBody">
${field('Account Owner', 'Owner', String(at.owner ?? ''))}
${field('Industry', 'Industry', String(at.industry ?? ''))}
${field('Billing City', 'Billing_City', String(at.city ?? ''))}
${field('Annual Revenue', 'Annual_Revenue', money(a, at.annualRevenue as number | undefined))}
${field('Employees', 'Employees', String(at.employees ?? ''))}
${field('Account Type', 'Account_Type', String(at.type ?? ''))}
</div>
<div class="cxDvSection"><h3>Deals</h3>
<crux-table-component data-zcqa="relatedListTable" cx-prop-module="Deals"><table><tbody>
${rows}
</tbody></table></crux-table-component></div>`;
  return chrome(shell, 'Accounts', a.name, 'detail', body);
}

/** The demo account a deal (order) id belongs to. */
export function accountOfDeal(dealId: string): string | undefined {
  return accounts.find((a) => a.orders?.some((o) => o.id === dealId))?.id;
}

export function dealDetail(shell: Shell, accountId: string, dealId?: string, data: PageData = DEMO_DATA): string {
  const a = data.get(accountId);
  const o = (a.orders ?? []).find((x) => x.id === dealId) ?? (a.orders ?? []).find((x) => x.status === 'open') ?? (a.orders ?? [])[0];
  const dealName = `${a.name} - ${o?.category ?? 'Renewal'}`;
  const body = `<crux-detailpage-header>
<div class="cxDvHeaderParent"><div id="recordDetails">
<div class="cxDvRecordName"><span id="recHeader1" class="cxDvRecordHeader1">${esc(dealName)}</span><span id="recHeader2" class="cxDvRecordHeader2">${esc(o ? money(a, o.amount) : '')}</span></div>
<div class="cxDvActions"><lyte-button data-zcqa="edit"><button type="button">Edit</button></lyte-button></div>
</div></div>
</crux-detailpage-header>
<div class="cxDvBody">
${field('Deal Owner', 'Owner', String(a.attributes?.owner ?? ''))}
<div class="cxDvField"><span class="cxDvLabel">Account Name</span><span data-zcqa="value_Account_Name"><a class="cxLookupLink" href="${base(shell)}/Accounts/${a.id}">${esc(a.name)}</a></span></div>
${field('Stage', 'Stage', o?.status === 'won' ? 'Closed Won' : 'Negotiation/Review')}
${field('Amount', 'Amount', o ? money(a, o.amount) : '')}
${field('Closing Date', 'Closing_Date', o?.closedAt?.slice(0, 10) ?? '')}
</div>`;
  return chrome(shell, 'Potentials', dealName, 'detail', body);
}

/** 50 (or 100) accounts: every headline tier, the hostile and the long names, then demo accounts in order. */
export function listAccounts(n: number): AccountSnapshot[] {
  const first = [...Object.values(DEMO_FEATURED), DEMO_SPECIAL.hostile, DEMO_SPECIAL.longName, DEMO_SPECIAL.empty];
  const rest = accounts.filter((a) => !first.includes(a.id as never));
  return [...first.map(get), ...rest].slice(0, n);
}

/** The worker's demo accounts (the saved pages and the end-to-end tests show these). */
export const DEMO_DATA: PageData = { get, list: listAccounts };

export function accountList(shell: Shell, n: number, data: PageData = DEMO_DATA): string {
  const list = data.list(n);
  const cvid = '4876876000000087501';
  const rows = list
    .map((a, i) => {
      const at = a.attributes ?? {};
      // Every seventh account has a parent account: a second link to an account in the row.
      const parent = i % 7 === 3 ? list[(i + 11) % list.length] : undefined;
      const parentCell = parent ? `<a href="${base(shell)}/Accounts/${parent.id}">${esc(parent.name)}</a>` : '';
      return `<lyte-exptable-tr data-zcqa="detailView"><lyte-exptable-td cxcellcol="0" class="cxLvCheckbox"><input type="checkbox" aria-label="Select record"></lyte-exptable-td><lyte-exptable-td cxcellcol="1"><a id="listView_${a.id}" href="${base(shell)}/Accounts/${a.id}"><lyte-text lt-prop-value="${esc(a.name)}">${esc(a.name)}</lyte-text></a></lyte-exptable-td><lyte-exptable-td cxcellcol="2"><lyte-text lt-prop-value="${esc(at.industry ?? '')}">${esc(at.industry ?? '')}</lyte-text></lyte-exptable-td><lyte-exptable-td cxcellcol="3"><lyte-text lt-prop-value="${esc(at.city ?? '')}">${esc(at.city ?? '')}</lyte-text></lyte-exptable-td><lyte-exptable-td cxcellcol="4"><lyte-text lt-prop-value="${esc(at.owner ?? '')}">${esc(at.owner ?? '')}</lyte-text></lyte-exptable-td><lyte-exptable-td cxcellcol="5">${parentCell}</lyte-exptable-td><lyte-exptable-td cxcellcol="6"><lyte-text>${esc(money(a, at.annualRevenue as number | undefined))}</lyte-text></lyte-exptable-td><lyte-exptable-td cxcellcol="7"><span id="cxLvEdit_${a.id}" class="cxLvEdit" aria-label="Edit">✎</span></lyte-exptable-td></lyte-exptable-tr>`;
    })
    .join('\n');
  const cols = ['', 'Account Name', 'Industry', 'Billing City', 'Account Owner', 'Parent Account', 'Annual Revenue', ''];
  // The new shell's content area is narrower (left rail and teamspace panel).
  const widths = shell === 'classic' ? [40, 360, 140, 120, 110, 200, 140, 40] : [40, 300, 120, 100, 100, 150, 120, 40];
  const header = cols
    .map(
      (c, i) =>
        `<lyte-exptable-th style="width:${widths[i]}px"${c ? ` data-zcqa="${esc(c)}"` : ''}><lyte-text lt-prop-value="${esc(c)}">${esc(c)}</lyte-text></lyte-exptable-th>`,
    )
    .join('');
  const body = `<div class="cxLvToolbar"><lyte-dropdown data-zcqa="cvDropdown"><strong>All Accounts</strong></lyte-dropdown><lyte-button data-zcqa="createRecord"><button type="button">Create Account</button></lyte-button></div>
<div class="listWrap">
<crux-table-component id="listcrux" data-zcqa="cxListViewTable" cx-prop-module="Accounts" class="cxLvTableComp Accounts">
<lyte-exptable>
<lyte-exptable-tr id="cxLvTableHeaderRow">${header}</lyte-exptable-tr>
<lyte-yield class="lyteExpTableRowGroup" id="lvTred">
${rows}
</lyte-yield>
</lyte-exptable>
</crux-table-component>
</div>
<div class="cxLvRecordCount">Total Records ${list.length}</div>
<lyte-navigator data-cvid="${cvid}"></lyte-navigator>`;
  return chrome(shell, 'Accounts', 'All Accounts', 'list', body);
}

/** The saved pages, by file name. */
export const SAVED_PAGES = (): Record<string, string> => ({
  'classic-account-detail.html': accountDetail('classic', DEMO_FEATURED.key),
  'classic-account-list.html': accountList('classic', 50),
  'classic-account-list-100.html': accountList('classic', 100),
  'classic-deal-detail.html': dealDetail('classic', DEMO_FEATURED.vip),
  'everyone-account-detail.html': accountDetail('everyone', DEMO_FEATURED.strategic),
  'everyone-account-list.html': accountList('everyone', 50),
  'everyone-deal-detail.html': dealDetail('everyone', DEMO_FEATURED.new),
});
