/**
 * Plain-language explanations of explained leaves, in Chinese and English: what the card and
 * the CLI print ("Amount won in the last 365 days: 3,200,000 of the 5,000,000 needed").
 */
import { METRIC_BY_NAME } from './metrics.ts';
import type { ExplainedLeaf, Lang } from './schema.ts';

export function formatNumber(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  const [int, frac] = String(Math.abs(rounded)).split('.') as [string, string | undefined];
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += ',';
    out += int[i];
  }
  return (rounded < 0 ? '-' : '') + out + (frac ? `.${frac}` : '');
}

const show = (v: unknown, lang: Lang): string => {
  if (v === null || v === undefined) return lang === 'zh' ? '无数据' : 'no data';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map((x) => show(x, lang)).join(lang === 'zh' ? '、' : ', ');
  return String(v);
};

export function metricLabel(metric: string, lang: Lang): string {
  const info = METRIC_BY_NAME.get(metric);
  if (info) return info.description[lang];
  const dot = metric.indexOf('.');
  const ns = metric.slice(0, dot);
  const key = metric.slice(dot + 1);
  const names: Record<string, { zh: string; en: string }> = {
    flag: { zh: '标记', en: 'flag' },
    attr: { zh: '属性', en: 'attribute' },
    field: { zh: 'CRM 字段', en: 'CRM field' },
    dim: { zh: '维度', en: 'dimension' },
  };
  const n = names[ns];
  return n ? (lang === 'zh' ? `${n.zh}「${key}」` : `${n.en} "${key}"`) : metric;
}

const OP_TEXT: Record<string, { zh: string; en: string }> = {
  '>=': { zh: '≥', en: '≥' },
  '>': { zh: '>', en: '>' },
  '<=': { zh: '≤', en: '≤' },
  '<': { zh: '<', en: '<' },
  '==': { zh: '为', en: 'is' },
  '!=': { zh: '不为', en: 'is not' },
  in: { zh: '属于', en: 'is one of' },
  not_in: { zh: '不属于', en: 'is not one of' },
  between: { zh: '介于', en: 'is between' },
  not_between: { zh: '不介于', en: 'is not between' },
};

/** One sentence for a leaf that held (`because`) or is missing (`next.missing`). */
export function describeLeaf(leaf: ExplainedLeaf, lang: Lang, missing = false): string {
  const what = metricLabel(leaf.metric, lang);
  const threshold =
    leaf.thresholdMetric !== undefined
      ? `${metricLabel(leaf.thresholdMetric, lang)} (${show(leaf.threshold, lang)})`
      : leaf.percentile !== undefined
        ? lang === 'zh'
          ? `${show(leaf.threshold, lang)}（第 ${leaf.percentile} 百分位）`
          : `${show(leaf.threshold, lang)} (the ${leaf.percentile}th percentile)`
        : leaf.op === 'between' || leaf.op === 'not_between'
          ? show(leaf.threshold, lang).replace(lang === 'zh' ? '、' : ', ', lang === 'zh' ? ' 至 ' : ' and ')
          : show(leaf.threshold, lang);
  const actual = show(leaf.actual, lang);
  if (leaf.op === 'exists') {
    const want = leaf.threshold === true;
    if (lang === 'zh') return `${what}${want ? '有数据' : '无数据'}${missing ? `（当前：${actual}）` : ''}`;
    return `${what} ${want ? 'is known' : 'is missing'}${missing ? ` (now: ${actual})` : ''}`;
  }
  const numeric = typeof leaf.actual === 'number' && typeof leaf.threshold === 'number';
  if (missing && numeric && (leaf.op === '>=' || leaf.op === '>')) {
    return lang === 'zh' ? `${what}：目前 ${actual}，需达到 ${threshold}` : `${what}: ${actual} of the ${threshold} needed`;
  }
  const op = OP_TEXT[leaf.op]?.[lang] ?? leaf.op;
  if (missing && lang === 'en' && (leaf.op === '==' || leaf.op === '!=')) {
    return `needs ${what} ${leaf.op === '==' ? 'to be' : 'not to be'} ${threshold} (now ${actual})`;
  }
  if (missing)
    return lang === 'zh' ? `需要 ${what} ${op} ${threshold}（目前 ${actual}）` : `needs ${what} ${op} ${threshold} (now ${actual})`;
  return lang === 'zh' ? `${what} ${op} ${threshold}（实际 ${actual}）` : `${what} ${op} ${threshold} (actual ${actual})`;
}
