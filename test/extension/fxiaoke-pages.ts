/**
 * 纷享销客 (Fxiaoke) web app pages as the fixtures save them: test/extension/generate-fxiaoke-fixtures.ts
 * writes them to test/fixtures/fxiaoke-pages/, and the end-to-end fixture server serves them at
 * https://www.fxiaoke.com/XV/UI/Home (with app.js rendering the hash route, as the real app
 * does) and renders the detail panel of any customer with the same code.
 *
 * UNVERIFIED MARKUP: nobody has looked at a live tenant's DOM (crm/fxiaoke.md section 5). The
 * known facts are kept: the app shell `/XV/UI/Home` routed by its hash (`#crm/list/=/AccountObj`,
 * `#paasapp/list/=/appId_CRM/AccountObj`, `#crm/index`), an `h2` list title, an export button
 * `.fn-right.bi-btn.btn-export`, `j-`-prefixed behaviour hooks (`a.j-detail`), and a customer
 * opening in a detail panel over the list without a URL change. The rest is a plausible guess
 * (extension/sites/fxiaoke.selectors.ts lists what the adapter relies on): the list component
 * and the panel name their object in `data-apiname`, and carry the record's `_id` in `data-id`.
 *
 * The customers are the Fxiaoke simulator's (test/fxiaoke-sim, default seed, FIXTURE_ACCOUNTS
 * customers), so the end-to-end tests classify them for real through the worker's Fxiaoke
 * connector; the pages show only the customers with fixed ids (one per tier archetype, and the
 * special ones), so a change of the simulator's random draws cannot empty them. CRM data is
 * HTML-escaped, as Fxiaoke escapes it.
 */
import { ACCOUNT_LEVELS, ACCOUNT_SOURCES, DEAL_STATUSES, INDUSTRIES, REGION_LABELS } from '../fxiaoke-sim/schema.ts';
import { DEFAULT_SEED, FXIAOKE_SIM_FEATURED, FXIAOKE_SIM_SPECIAL, POOL_ID, seedTenant } from '../fxiaoke-sim/seed.ts';
import type { FxRecord } from '../fxiaoke-sim/store.ts';

/** The simulator's tenant size the fixtures (and the end-to-end simulator) use. */
export const FIXTURE_ACCOUNTS = 40;
export const FIXTURE_SEED = DEFAULT_SEED;
/** The data anchor of the saved pages (dates on the page; ids, names and tiers do not depend on it). */
const ANCHOR = Date.UTC(2026, 10, 23);

const tenant = seedTenant({ seed: FIXTURE_SEED, accounts: FIXTURE_ACCOUNTS, anchor: ANCHOR });
const customers = tenant.objects.AccountObj ?? [];
const byId = new Map(customers.map((c) => [String(c._id), c]));
const employees = new Map(tenant.employees.map((e) => [e.id, e.name]));

/** The customers with fixed ids: one per tier archetype, then the special ones (hostile name, pool, empty...). */
export const FIXED_IDS: readonly string[] = [...Object.values(FXIAOKE_SIM_FEATURED), ...Object.values(FXIAOKE_SIM_SPECIAL)];

/** A customer of the simulator, or a stand-in for an id it does not have. */
export const customer = (id: string): FxRecord =>
  byId.get(id) ?? { _id: id, object_describe_api_name: 'AccountObj', name: '未知客户有限公司', account_level: '3' };

const esc = (v: unknown) =>
  String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const label = (options: readonly { value: string; label: string }[], value: unknown) => options.find((o) => o.value === value)?.label ?? '';
/** Epoch ms as Fxiaoke shows it, in China time: `2026-11-20 14:30`. */
const time = (v: unknown) => (typeof v === 'number' ? new Date(v + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');
const owner = (c: FxRecord) => {
  const o = c.owner;
  return Array.isArray(o) && o[0] ? (employees.get(String(o[0])) ?? '') : '';
};
const dash = (s: string) => s || '--';

/** The fields a customer shows, in the list's columns and the panel's grid (api name, label, value). */
function fields(c: FxRecord): [string, string, string][] {
  return [
    ['account_level', '客户级别', label(ACCOUNT_LEVELS, c.account_level)],
    ['deal_status', '成交状态', label(DEAL_STATUSES, c.deal_status)],
    ['owner', '负责人', c.high_seas_id === POOL_ID ? '（公海）' : owner(c)],
    ['last_followed_time', '最后跟进时间', time(c.last_followed_time)],
    ['city', '所在城市', REGION_LABELS[String(c.city ?? '')] ?? ''],
    ['tel', '电话', String(c.tel ?? '')],
    ['industry', '行业', label(INDUSTRIES, c.industry)],
    ['account_source', '来源', label(ACCOUNT_SOURCES, c.account_source)],
    ['address', '详细地址', String(c.address ?? '')],
    ['uniform_social_credit_code', '统一社会信用代码', String(c.uniform_social_credit_code ?? '')],
    ['create_time', '创建时间', time(c.create_time)],
  ];
}
const LIST_COLUMNS = 6;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:13px/1.5 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#333;background:#f2f4f7}
a{color:#3487e2;text-decoration:none}
button{font:inherit}
.fs-topbar{height:48px;background:#fff;border-bottom:1px solid #e6e9ef;display:flex;align-items:center;gap:24px;padding:0 16px}
.fs-logo{font-weight:700;font-size:16px;color:#ff7d1a;letter-spacing:1px}
.fs-apps{display:flex;gap:4px}
.fs-apps a{color:#545861;padding:12px 10px}
.fs-apps a.cur{color:#ff7d1a;box-shadow:inset 0 -2px 0 #ff7d1a}
.fs-search{margin-left:auto;width:220px;height:30px;border:1px solid #dee1e8;border-radius:15px;padding:0 12px;color:#999;display:flex;align-items:center}
.fs-user{color:#545861}
.fs-layout{display:flex;min-height:calc(100vh - 48px)}
.fs-menu{width:176px;flex:none;background:#2b313d;padding:8px 0}
.fs-menu a{display:block;color:#c3c8d2;padding:9px 20px}
.fs-menu a.cur{color:#fff;background:#ff7d1a}
.fs-main{flex:1;min-width:0;padding:12px}
.bi-btn{height:30px;padding:0 14px;border:1px solid #dee1e8;border-radius:3px;background:#fff;color:#333;cursor:pointer}
.bi-btn.btn-primary{background:#ff7d1a;border-color:#ff7d1a;color:#fff}
.crm-list{background:#fff;border:1px solid #e6e9ef;border-radius:4px}
.crm-list-hd{display:flex;align-items:center;gap:12px;padding:12px 16px;border-bottom:1px solid #eef0f4}
.crm-list-hd h2{font-size:16px;margin:0}
.crm-list-scene{color:#545861;border:1px solid #dee1e8;border-radius:3px;padding:3px 10px}
.crm-list-count{color:#91959e}
.crm-list-ops{margin-left:auto;display:flex;gap:8px}
.crm-table{width:100%;border-collapse:collapse;table-layout:fixed}
.crm-table th,.crm-table td{padding:9px 12px;border-bottom:1px solid #eef0f4;text-align:left;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;vertical-align:middle}
.crm-table th{background:#f7f8fa;color:#545861;font-weight:400}
.crm-table .td-check{width:44px;padding-right:0;text-overflow:clip}
.crm-table [data-field=last_followed_time]{width:150px}
.crm-table [data-field=account_level],.crm-table [data-field=deal_status]{width:100px}
.crm-table [data-field=owner],.crm-table [data-field=city]{width:96px}
.crm-table .td-name{width:300px}
.crm-table tbody tr:hover{background:#fff8f1}
.crm-list-pager{padding:10px 16px;color:#91959e;text-align:right}
.paas-app-hd{display:flex;align-items:center;gap:20px;background:#fff;border-radius:8px;padding:0 16px;margin-bottom:12px;height:44px}
.paas-app-name{font-weight:600}
.paas-tabs{display:flex;gap:18px}
.paas-tabs a{color:#545861;padding:11px 0}
.paas-tabs a.cur{color:#ff7d1a;box-shadow:inset 0 -2px 0 #ff7d1a}
.crm-list-v2{border:0;border-radius:8px}
.crm-list-v2 .crm-table th{background:#fff;color:#91959e}
.crm-home{display:grid;grid-template-columns:repeat(3,1fr);gap:12px}
.crm-home-card{background:#fff;border-radius:4px;padding:16px}
.crm-home-card b{display:block;font-size:24px;color:#ff7d1a}
.crm-home-recent{grid-column:1/-1;background:#fff;border-radius:4px;padding:16px}
.crm-home-recent li{padding:4px 0}
.crm-detail{position:fixed;top:48px;right:0;bottom:0;width:min(760px,64vw);background:#fff;box-shadow:-6px 0 24px rgba(0,0,0,.15);z-index:100;display:flex;flex-direction:column}
.crm-detail-hd{display:flex;flex-wrap:wrap;align-items:center;gap:10px;padding:16px 20px;border-bottom:1px solid #eef0f4}
.crm-detail-obj{flex:none;background:#fff1e6;color:#ff7d1a;border-radius:3px;padding:1px 6px;font-size:12px}
.crm-detail-title{font-size:18px;margin:0;min-width:0;max-width:100%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.crm-detail-ops{margin-left:auto;display:flex;align-items:center;gap:8px;flex:none}
.crm-detail-ops a{color:#545861;font-size:18px;padding:0 4px}
.crm-detail-summary{display:flex;gap:32px;padding:12px 20px;background:#fafbfc;border-bottom:1px solid #eef0f4}
.crm-detail-summary label,.crm-detail-grid label{display:block;color:#91959e;font-size:12px}
.crm-detail-tabs{display:flex;gap:24px;padding:0 20px;border-bottom:1px solid #eef0f4}
.crm-detail-tabs span{padding:10px 0}
.crm-detail-tabs span.cur{color:#ff7d1a;box-shadow:inset 0 -2px 0 #ff7d1a}
.crm-detail-bd{flex:1;overflow:auto;padding:16px 20px}
.crm-detail-grid{display:grid;grid-template-columns:1fr 1fr;gap:14px 32px}
`;

type Ui = 'old' | 'new';

const MENU: [string, string][] = [
  ['crm/index', '首页'],
  ['LeadsObj', '销售线索'],
  ['AccountObj', '客户'],
  ['ContactObj', '联系人'],
  ['NewOpportunityObj', '商机'],
  ['SalesOrderObj', '销售订单'],
  ['PaymentObj', '回款'],
];
const route = (ui: Ui, api: string) =>
  api === 'crm/index' ? '#crm/index' : ui === 'old' ? `#crm/list/=/${api}` : `#paasapp/list/=/appId_CRM/${api}`;

/** The app around a route's content (`#fs-root`: what app.js swaps on a hash change). */
function page(title: string, ui: Ui, current: string, content: string, after = ''): string {
  const menu = MENU.map(([api, text]) => `<a href="${route(ui, api)}"${api === current ? ' class="cur"' : ''}>${text}</a>`).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(title)} - 纷享销客</title>
<style>${STYLE}</style>
</head>
<body>
<div id="fs-root">
<header class="fs-topbar"><span class="fs-logo">纷享销客</span><nav class="fs-apps"><a href="#app/index">工作台</a><a class="cur" href="#crm/index">CRM</a><a href="#bpm/index">审批</a><a href="#bi/index">报表</a></nav><span class="fs-search">搜索</span><span class="fs-user">CRM管理员</span></header>
<div class="fs-layout">
<nav class="fs-menu">${menu}</nav>
<main class="fs-main">
${content}
</main>
</div>
</div>
${after}<script src="/__fixtures/fxiaoke/app.js"></script>
</body>
</html>
`;
}

function row(c: FxRecord): string {
  const name = esc(c.name);
  const cells = fields(c)
    .slice(0, LIST_COLUMNS)
    .map(([api, , value]) => `<td data-field="${api}">${esc(value)}</td>`)
    .join('');
  return `<tr class="crm-table-tr" data-id="${esc(c._id)}"><td class="td-check"><input type="checkbox" aria-label="选择"></td><td class="td-name" data-field="name"><a class="j-detail" href="javascript:;" title="${name}">${name}</a></td>${cells}</tr>`;
}

function list(rows: FxRecord[], scene: string, v2: boolean): string {
  const head = fields(rows[0] ?? customer(''))
    .slice(0, LIST_COLUMNS)
    .map(([api, text]) => `<th data-field="${api}">${text}</th>`)
    .join('');
  return `<div class="crm-list${v2 ? ' crm-list-v2' : ''}" data-apiname="AccountObj">
<div class="crm-list-hd"><h2>客户</h2><span class="crm-list-scene">${scene} ▾</span><span class="crm-list-count">共 ${rows.length} 条</span>
<div class="crm-list-ops"><button type="button" class="bi-btn btn-primary j-add">新建</button><button type="button" class="bi-btn j-import">导入</button><button type="button" class="fn-right bi-btn btn-export">导出</button></div></div>
<table class="crm-table">
<thead><tr><th class="td-check"><input type="checkbox" aria-label="全选"></th><th class="td-name">客户名称</th>${head}</tr></thead>
<tbody>
${rows.map(row).join('\n')}
</tbody>
</table>
<div class="crm-list-pager">共 ${rows.length} 条 · 20 条/页 · 第 1 页</div>
</div>`;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
/** The old UI's default view: every fixed-id customer, last modified first. */
const oldRows = () => FIXED_IDS.map(customer).sort((a, b) => num(b.last_modified_time) - num(a.last_modified_time));
/** The new UI's view here: the ten most recently followed up (another view, other rows and order). */
export const newRows = (): FxRecord[] =>
  FIXED_IDS.map(customer)
    .sort((a, b) => num(b.last_followed_time) - num(a.last_followed_time))
    .slice(0, 10);

/** The customer list, old UI (`#crm/list/=/AccountObj`). */
export function accountList(after = ''): string {
  return page('客户', 'old', 'AccountObj', list(oldRows(), '全部客户', false), after);
}

/** The customer list, new UI (`#paasapp/list/=/appId_CRM/AccountObj`): an app header, then the same list component. */
export function accountListPaasapp(): string {
  const tabs = ['首页', '客户', '联系人', '商机', '销售订单']
    .map((t) => `<a href="javascript:;"${t === '客户' ? ' class="cur"' : ''}>${t}</a>`)
    .join('');
  const content = `<div class="paas-app"><div class="paas-app-hd"><span class="paas-app-name">CRM</span><nav class="paas-tabs">${tabs}</nav></div>
${list(newRows(), '最近跟进的客户', true)}
</div>`;
  return page('客户', 'new', 'AccountObj', content);
}

/** The CRM home (`#crm/index`): customer names, but no list and nothing to badge. */
export function crmHome(): string {
  const recent = oldRows()
    .slice(0, 5)
    .map((c) => `<li>${esc(c.name)}</li>`)
    .join('');
  const content = `<div class="crm-home">
<div class="crm-home-card">客户总数<b>${FIXED_IDS.length}</b></div><div class="crm-home-card">本月新增<b>2</b></div><div class="crm-home-card">待跟进<b>5</b></div>
<div class="crm-home-recent"><h3>最近访问</h3><ul>${recent}</ul></div>
</div>`;
  return page('CRM首页', 'old', 'crm/index', content);
}

/** The app shell the server answers for /XV/UI/Home: app.js renders the hash route into it. */
export function appShell(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>纷享销客</title>
<style>${STYLE}</style>
</head>
<body>
<div id="fs-root"></div>
<script src="/__fixtures/fxiaoke/app.js"></script>
</body>
</html>
`;
}

/**
 * The detail panel of one customer, opened over the list by a click on its name. Every value sits
 * in a `data-field` element of its own, so that app.js can patch the panel in place for the
 * next customer (as a reused panel component does: the id attribute and the texts change).
 */
export function detailPanel(id: string): string {
  const c = customer(id);
  const f = fields(c);
  const field = ([api, text, value]: [string, string, string]) =>
    `<div><label>${text}</label><span data-field="${api}">${esc(dash(value))}</span></div>`;
  return `<div class="crm-detail" data-apiname="AccountObj" data-id="${esc(c._id)}" role="dialog" aria-label="客户详情">
<div class="crm-detail-hd"><span class="crm-detail-obj">客户</span><h3 class="crm-detail-title" data-field="name" title="${esc(c.name)}">${esc(c.name)}</h3>
<div class="crm-detail-ops"><button type="button" class="bi-btn btn-primary j-follow">写跟进</button><button type="button" class="bi-btn j-edit">编辑</button><button type="button" class="bi-btn j-more">更多</button><a class="j-prev" href="javascript:;" title="上一条">‹</a><a class="j-next" href="javascript:;" title="下一条">›</a><a class="j-close" href="javascript:;" title="关闭">×</a></div></div>
<div class="crm-detail-summary">${f.slice(0, 4).map(field).join('')}</div>
<div class="crm-detail-tabs"><span class="cur">详细信息</span><span>相关</span><span>跟进动态</span></div>
<div class="crm-detail-bd"><div class="crm-detail-grid">${f.map(field).join('')}</div></div>
</div>
`;
}

/** The customer the saved "panel open" page shows. */
export const PANEL_CUSTOMER = FXIAOKE_SIM_FEATURED.vip;

export const SAVED_PAGES = (): Record<string, string> => ({
  'app-shell.html': appShell(),
  'crm-home.html': crmHome(),
  'account-list.html': accountList(),
  'account-list-paasapp.html': accountListPaasapp(),
  'account-list-detail.html': accountList(detailPanel(PANEL_CUSTOMER)),
});
