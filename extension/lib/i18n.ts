/**
 * The extension's own words, in Chinese and English. Classification text (tier labels, tips,
 * `because`, what is missing) comes from the worker already in the requested language.
 */
import type { Lang } from '../../shared/schema.ts';
import type { UiErrorKind } from './protocol.ts';

const zh = {
  loading: '分级中…',
  badgeTitle: 'TierLens 客户分级',
  tips: '跟进建议',
  because: '判定依据',
  nextTier: (label: string) => `升级到「${label}」还差`,
  nothingMissing: '已满足',
  cadence: (n: number, unit: 'D' | 'W') => `每 ${n} ${unit === 'W' ? '周' : '天'}联系一次`,
  nextDue: (date: string) => `下次联系：${date}`,
  overdue: (date: string) => `已逾期：应于 ${date} 联系`,
  computedAt: (when: string) => `计算于 ${when}`,
  stale: '数据可能已过时，正在刷新',
  cached: '缓存',
  openOptions: '打开 TierLens 设置',
  muted: {
    not_configured: '未设置',
    unreachable: '未连接',
    unauthorized: '密钥无效',
    forbidden: '无权限',
    not_found: '未知客户',
    conflict: '冲突',
    invalid: '请求无效',
    rate_limited: '请求过多',
    crm: 'CRM 无响应',
    permission: '未授权',
    internal: '出错了',
  } satisfies Record<UiErrorKind, string>,
  why: {
    not_configured: '尚未设置 API 密钥。请在设置中填写服务地址和密钥。',
    unreachable: '无法连接 TierLens 服务。请确认服务在运行、地址正确、网络可用；稍后会自动重试。',
    unauthorized: '服务拒绝了这个 API 密钥。请在设置中检查。',
    forbidden: '这个 API 密钥没有此权限。',
    not_found: 'CRM 中找不到这个客户（可能刚创建，或服务连接的是另一个组织）。',
    conflict: '规则已被他人修改，请重新加载。',
    invalid: '服务认为请求无效。',
    rate_limited: '请求太频繁，请一分钟后再试。',
    crm: 'CRM 暂时没有响应，也没有缓存结果。请稍后再试。',
    permission: '浏览器尚未允许访问所设置的服务地址。请在设置中授权。',
    internal: 'TierLens 服务出错了。请稍后再试；一直出现请联系管理员。',
  } satisfies Record<UiErrorKind, string>,
  requestId: (id: string) => `请求编号 ${id}`,
};

type Strings = typeof zh;

const en: Strings = {
  loading: 'Classifying…',
  badgeTitle: 'TierLens account tier',
  tips: 'How to handle',
  because: 'Because',
  nextTier: (label: string) => `Missing for ${label}`,
  nothingMissing: 'Nothing missing',
  cadence: (n: number, unit: 'D' | 'W') => `Contact every ${n} ${unit === 'W' ? (n === 1 ? 'week' : 'weeks') : n === 1 ? 'day' : 'days'}`,
  nextDue: (date: string) => `Next contact due ${date}`,
  overdue: (date: string) => `Overdue: contact was due ${date}`,
  computedAt: (when: string) => `Computed ${when}`,
  stale: 'May be out of date; refreshing',
  cached: 'cached',
  openOptions: 'Open TierLens settings',
  muted: {
    not_configured: 'Not set up',
    unreachable: 'Offline',
    unauthorized: 'Key refused',
    forbidden: 'No access',
    not_found: 'Unknown account',
    conflict: 'Conflict',
    invalid: 'Bad request',
    rate_limited: 'Busy',
    crm: 'CRM not answering',
    permission: 'Not allowed',
    internal: 'Error',
  },
  why: {
    not_configured: 'No API key yet. Enter the worker URL and your key in the settings.',
    unreachable: 'The TierLens worker cannot be reached. Check that it runs, its URL and your network; it retries by itself.',
    unauthorized: 'The worker refused the API key. Check it in the settings.',
    forbidden: 'This API key may not do that.',
    not_found: 'The CRM does not know this account (it may be new, or the worker reads another CRM org).',
    conflict: 'Someone else changed the rules; reload them.',
    invalid: 'The worker found the request invalid.',
    rate_limited: 'Too many requests; try again in a minute.',
    crm: 'The CRM is not answering and nothing is cached. Try again later.',
    permission: 'The browser does not allow the extension to reach the worker URL. Grant it in the settings.',
    internal: 'The worker failed. Try again later; tell your admin if it persists.',
  },
  requestId: (id: string) => `Request ${id}`,
};

export const STRINGS: Readonly<Record<Lang, Strings>> = { zh, en };

export function t(lang: Lang): Strings {
  return STRINGS[lang];
}

/** `P7D` -> [7, 'D'], `P2W` -> [2, 'W']; null for anything else. */
export function parseCadence(cadence: string | null | undefined): [number, 'D' | 'W'] | null {
  const m = cadence ? /^P(\d+)([DW])$/.exec(cadence) : null;
  return m ? [Number(m[1]), m[2] as 'D' | 'W'] : null;
}

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');

export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { year: 'numeric', month: 'short', day: 'numeric' }).format(d);
}

export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}
