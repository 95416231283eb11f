/**
 * Where each validation issue is shown. The validator names a path
 * (`dimensions[2].tiers[0].when.all[1].value`); the editor has a control or a group for most
 * paths but not all (`...value[3]` of a list is one text area). Every issue goes to the
 * deepest place the editor renders that contains its path, so nothing is reported only in
 * the summary.
 */

import type { Condition, Lang, RuleSet } from '../../../shared/schema.ts';
import type { Issue } from '../../../shared/validate.ts';
import { isWithin } from './path.ts';
import { conditionKind } from './state.ts';

function conditionAnchors(c: Condition, at: string, out: string[]): void {
  out.push(at);
  switch (conditionKind(c)) {
    case 'all':
    case 'any': {
      const key = conditionKind(c) as 'all' | 'any';
      const list = (c as Record<string, unknown>)[key];
      if (Array.isArray(list)) {
        list.forEach((x: Condition, i) => {
          conditionAnchors(x, `${at}.${key}[${i}]`, out);
        });
      }
      return;
    }
    case 'not':
      conditionAnchors((c as { not: Condition }).not, `${at}.not`, out);
      return;
    case 'leaf': {
      const leaf = c as { op?: unknown; value?: unknown };
      out.push(`${at}.metric`, `${at}.op`, `${at}.value`);
      if (leaf.op === 'between') out.push(`${at}.value[0]`, `${at}.value[1]`);
      else if (leaf.value && typeof leaf.value === 'object' && !Array.isArray(leaf.value)) {
        if ('metric' in leaf.value) out.push(`${at}.value.metric`);
        else out.push(`${at}.value.percentile`, `${at}.value.fallback`);
      }
      return;
    }
    default:
      return;
  }
}

/** Every path the editor renders a control or a group for, given the draft. */
export function anchorPaths(rules: RuleSet): string[] {
  const out = ['', 'name', 'headline', 'chips', 'dimensions'];
  const dims = Array.isArray(rules.dimensions) ? rules.dimensions : [];
  dims.forEach((d, di) => {
    const D = `dimensions[${di}]`;
    out.push(D, `${D}.id`, `${D}.label.zh`, `${D}.label.en`, `${D}.description.zh`, `${D}.description.en`, `${D}.tiers`);
    const tiers = Array.isArray(d?.tiers) ? d.tiers : [];
    tiers.forEach((t, ti) => {
      const T = `${D}.tiers[${ti}]`;
      out.push(T, `${T}.id`, `${T}.label.zh`, `${T}.label.en`, `${T}.tips`, `${T}.color`, `${T}.icon`, `${T}.cadence`, `${T}.next`);
      for (const lang of ['zh', 'en'] as const) {
        out.push(`${T}.tips.${lang}`);
        const list = t?.tips?.[lang];
        if (Array.isArray(list)) for (let k = 0; k < list.length; k++) out.push(`${T}.tips.${lang}[${k}]`);
      }
      if (t && 'when' in t) conditionAnchors(t.when, `${T}.when`, out);
    });
  });
  return out;
}

/** The deepest anchor containing `path` ('' when none does). */
export function anchorFor(path: string, anchors: ReadonlySet<string>): string {
  if (anchors.has(path)) return path;
  let best = '';
  for (const a of anchors) if (a.length > best.length && isWithin(path, a)) best = a;
  return best;
}

export interface PlacedIssue extends Issue {
  /** The path of the control or group that shows it. */
  anchor: string;
}

/** Issues grouped by the anchor that shows them, in the validator's order. */
export function placeIssues(issues: readonly Issue[], rules: RuleSet): { placed: PlacedIssue[]; byAnchor: Map<string, PlacedIssue[]> } {
  const anchors = new Set(anchorPaths(rules));
  const placed = issues.map((i) => ({ ...i, anchor: anchorFor(i.path, anchors) }));
  const byAnchor = new Map<string, PlacedIssue[]>();
  for (const p of placed) {
    const list = byAnchor.get(p.anchor);
    if (list) list.push(p);
    else byAnchor.set(p.anchor, [p]);
  }
  return { placed, byAnchor };
}

/**
 * The validator speaks English; the common messages an editor user meets are given in Chinese
 * too. Anything not listed is shown as the validator wrote it.
 */
const ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Too small: expected string to have >=1 characters?$/, () => '不能为空'],
  [/^Too big: expected string to have <=(\d+) characters$/, (m) => `最多 ${m[1]} 个字符`],
  [/^Too small: expected array to have >=1 items?$/, () => '至少需要一项'],
  [/^Too big: expected array to have <=(\d+) items$/, (m) => `最多 ${m[1]} 项`],
  [/^Invalid input: expected number, received (\w+)$/, () => '请输入数字'],
  [/^expected a finite number$/, () => '请输入数字'],
  [/^expected a lowercase id/, () => '标识须以小写字母开头，只含小写字母、数字和下划线（最多 40 个字符）'],
  [/^expected a colour as #rrggbb$/, () => '颜色格式为 #rrggbb'],
  [/^expected an ISO 8601 duration/, () => '周期格式为天或周，例如 P7D 或 P2W'],
  [/^expected \[low, high\] with low <= high$/, () => '下限不能大于上限'],
  [/^give at least one handling tip$/, () => '请至少写一条处理建议'],
  [/^the last tier must catch every account/, () => '最后一个等级必须兜底：条件设为“总是成立”'],
  [/^duplicate dimension id "(.*)"$/, (m) => `维度标识「${m[1]}」重复`],
  [/^duplicate tier id "(.*)" in dimension "(.*)"$/, (m) => `维度「${m[2]}」中等级标识「${m[1]}」重复`],
  [/^no dimension "(.*)"; expected one of (.*)$/, (m) => `没有维度「${m[1]}」；可选：${m[2]}`],
  [/^no dimension "(.*)"$/, (m) => `没有维度「${m[1]}」`],
  [/^no tier "(.*)" in dimension "(.*)"$/, (m) => `维度「${m[2]}」中没有等级「${m[1]}」`],
  [/^a tier cannot aim for itself$/, () => '等级不能以自己为目标'],
  [/^a dimension cannot depend on itself$/, () => '维度不能引用自身'],
  [/^dimension "(.*)" has no tier (.*); expected one of (.*)$/, (m) => `维度「${m[1]}」没有等级 ${m[2]}；可选：${m[3]}`],
  [/^"(.*)" cannot compare tiers; use ==, !=, in or not_in$/, (m) => `等级不能用“${m[1]}”比较；请用 ==、!=、in 或 not_in`],
  [/^unknown metric "(.*)"/, (m) => `未知指标「${m[1]}」，请从指标目录中选择`],
  [/^"(.*)" is a type, not a number; use ==, !=, in or not_in$/, (m) => `「${m[1]}」是类型而非数字；请用 ==、!=、in 或 not_in`],
  [/^"(.*)" is a number; compare it with a number$/, (m) => `「${m[1]}」是数字，请与数字比较`],
  [/^"(.*)" needs a number or \{percentile: 0-100\}$/, (m) => `“${m[1]}”需要一个数字或百分位`],
  [/^percentiles are only available for catalogue metrics$/, () => '只有目录中的指标可以用百分位'],
  [/^tiers cannot be compared with/, () => '等级不能用 >=、>、<=、< 比较'],
  [/^dimensions refer to each other in a cycle: (.*)$/, (m) => `维度之间循环引用：${m[1]}`],
  [/^conditions are nested too deeply \(at most (\d+) levels\)$/, (m) => `条件嵌套过深（最多 ${m[1]} 层）`],
];

export function localizeIssue(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [re, fn] of ZH) {
    const m = re.exec(message);
    if (m) return fn(m);
  }
  return message;
}

/** The dimension and tier that must be expanded for the control at `anchor` to be on screen. */
export function containersOf(anchor: string): string[] {
  const out: string[] = [];
  const dim = /^dimensions\[\d+\]/.exec(anchor);
  if (dim) out.push(dim[0]);
  const tier = /^dimensions\[\d+\]\.tiers\[\d+\]/.exec(anchor);
  if (tier) out.push(tier[0]);
  return out;
}

const PART_TEXT: Record<string, { zh: string; en: string }> = {
  id: { zh: '标识', en: 'id' },
  label: { zh: '名称', en: 'label' },
  description: { zh: '说明', en: 'description' },
  tips: { zh: '处理建议', en: 'tips' },
  color: { zh: '颜色', en: 'colour' },
  icon: { zh: '图标', en: 'icon' },
  cadence: { zh: '联系周期', en: 'cadence' },
  next: { zh: '努力目标', en: 'aim for' },
  when: { zh: '条件', en: 'condition' },
  tiers: { zh: '等级', en: 'tiers' },
  headline: { zh: '徽章主维度', en: 'headline' },
  chips: { zh: '默认标签维度', en: 'default chips' },
  name: { zh: '规则集名称', en: 'rule set name' },
  dimensions: { zh: '维度', en: 'dimensions' },
};

/** Where an issue is, in words: `Customer level › VIP › condition`. */
export function describeLocation(path: string, rules: RuleSet, lang: Lang): string {
  const parts: string[] = [];
  const m = /^dimensions\[(\d+)\](?:\.tiers\[(\d+)\])?(?:\.([a-z]+))?/.exec(path);
  if (!m) {
    const head = /^[a-z]+/.exec(path)?.[0];
    return head ? (PART_TEXT[head]?.[lang] ?? head) : lang === 'zh' ? '整个规则集' : 'the rule set';
  }
  const dim = rules.dimensions?.[Number(m[1])];
  parts.push(dim?.label?.[lang] || dim?.id || `#${Number(m[1]) + 1}`);
  if (m[2] !== undefined) {
    const tier = dim?.tiers?.[Number(m[2])];
    parts.push(tier?.label?.[lang] || tier?.id || `#${Number(m[2]) + 1}`);
  }
  const field = m[3];
  if (field) {
    const text = PART_TEXT[field]?.[lang] ?? field;
    const sub = path.slice(m[0].length).match(/^\.(zh|en)/)?.[1];
    parts.push(sub ? `${text} (${sub === 'zh' ? (lang === 'zh' ? '中文' : 'Chinese') : lang === 'zh' ? '英文' : 'English'})` : text);
  }
  return parts.join(' › ');
}
