/** The rule editor's words, in Chinese and English. */
import type { MetricFamily } from '../../../shared/metrics.ts';
import type { Lang } from '../../../shared/schema.ts';
import type { AccessorKind, ConditionKind, Op, ThresholdMode } from './state.ts';

type Text = { zh: string; en: string };

export const EDITOR_TEXT = {
  ruleSetName: { zh: '规则集名称', en: 'Rule set name' },
  headline: { zh: '徽章主维度', en: 'Headline dimension' },
  headlineHint: { zh: '徽章上显示这个维度的等级。', en: 'The badge shows the tier of this dimension.' },
  missingOption: { zh: '（不存在：{id}）', en: '(missing: {id})' },
  defaultChips: { zh: '默认标签维度', en: 'Default chips' },
  defaultChipsHint: {
    zh: '徽章旁以小标签显示的维度（最多 5 个；用户可在设置中覆盖）。',
    en: 'Dimensions shown as chips next to the badge (at most 5; users can override them in their settings).',
  },
  dimensions: { zh: '维度', en: 'Dimensions' },
  dimension: { zh: '维度', en: 'Dimension' },
  addDimension: { zh: '添加维度', en: 'Add dimension' },
  removeDimension: { zh: '删除维度', en: 'Remove dimension' },
  confirmRemoveDimension: { zh: '删除维度「{name}」及其全部等级？', en: 'Remove the dimension "{name}" and all its tiers?' },
  moveUp: { zh: '上移', en: 'Move up' },
  moveDown: { zh: '下移', en: 'Move down' },
  expand: { zh: '展开', en: 'Expand' },
  collapse: { zh: '收起', en: 'Collapse' },
  id: { zh: '标识', en: 'Id' },
  idHint: {
    zh: '小写字母开头，只含小写字母、数字和下划线；改名会同步更新引用。',
    en: 'Lowercase letters, digits and _; renaming updates what refers to it.',
  },
  label: { zh: '名称', en: 'Label' },
  description: { zh: '说明', en: 'Description' },
  optional: { zh: '（可选）', en: '(optional)' },
  langZh: { zh: '中文', en: 'Chinese' },
  langEn: { zh: '英文', en: 'English' },
  tiers: { zh: '等级（按顺序匹配，先匹配者生效）', en: 'Tiers (tried in order; the first that holds wins)' },
  tier: { zh: '等级', en: 'Tier' },
  addTier: { zh: '添加等级', en: 'Add tier' },
  removeTier: { zh: '删除等级', en: 'Remove tier' },
  confirmRemoveTier: { zh: '删除等级「{name}」？', en: 'Remove the tier "{name}"?' },
  icon: { zh: '图标', en: 'Icon' },
  color: { zh: '颜色', en: 'Colour' },
  colorPicker: { zh: '选择颜色', en: 'Pick a colour' },
  contrast: { zh: '对比度 {ratio}:1，文字用{text}', en: 'Contrast {ratio}:1 with {text} text' },
  contrastLow: { zh: '对比度 {ratio}:1，低于 4.5:1，文字难以辨认', en: 'Contrast {ratio}:1 is below 4.5:1: text will be hard to read' },
  textWhite: { zh: '白色', en: 'white' },
  textDark: { zh: '深色', en: 'dark' },
  cadence: { zh: '联系周期', en: 'Contact cadence' },
  cadenceOn: { zh: '设定联系周期', en: 'Set a contact cadence' },
  cadenceEvery: { zh: '每', en: 'Every' },
  cadenceAmount: { zh: '周期数值', en: 'Cadence amount' },
  cadenceUnit: { zh: '周期单位', en: 'Cadence unit' },
  days: { zh: '天', en: 'days' },
  weeks: { zh: '周', en: 'weeks' },
  next: { zh: '努力目标', en: 'Aim for' },
  nextHint: {
    zh: '销售从这个等级应争取的更好等级；卡片会说明还差什么。',
    en: 'The better tier a rep should aim for from here; the card explains what is missing.',
  },
  nextDefault: { zh: '上一个等级（默认）', en: 'The tier above (default)' },
  nextNone: { zh: '无', en: 'None' },
  tips: { zh: '处理建议', en: 'Handling tips' },
  tip: { zh: '建议 {n}', en: 'Tip {n}' },
  addTip: { zh: '添加建议', en: 'Add tip' },
  removeTip: { zh: '删除建议 {n}', en: 'Remove tip {n}' },
  noTips: { zh: '暂无建议。', en: 'No tips yet.' },
  condition: { zh: '条件', en: 'Condition' },
  conditionType: { zh: '条件类型', en: 'Condition type' },
  removeCondition: { zh: '删除条件', en: 'Remove condition' },
  addComparison: { zh: '添加比较', en: 'Add comparison' },
  addGroup: { zh: '添加条件组', en: 'Add group' },
  leftSide: { zh: '比较对象', en: 'Compare' },
  metric: { zh: '指标', en: 'Metric' },
  fieldName: { zh: '名称', en: 'Name' },
  otherDimension: { zh: '维度', en: 'Dimension' },
  operator: { zh: '运算', en: 'Operator' },
  value: { zh: '值', en: 'Value' },
  low: { zh: '下限', en: 'From' },
  high: { zh: '上限', en: 'To' },
  thresholdMode: { zh: '阈值类型', en: 'Threshold' },
  percentile: { zh: '百分位（0-100）', en: 'Percentile (0-100)' },
  fallback: { zh: '无统计数据时的数值', en: 'Value when no statistics' },
  fallbackHint: { zh: '留空：没有统计数据时此比较不成立。', en: 'Empty: without statistics this comparison does not hold.' },
  otherMetric: { zh: '另一个指标', en: 'Other metric' },
  listHint: { zh: '每行一个值。', en: 'One value per line.' },
  values: { zh: '取值', en: 'Values' },
  valueType: { zh: '值类型', en: 'Value type' },
  typeText: { zh: '文本', en: 'Text' },
  typeNumber: { zh: '数字', en: 'Number' },
  typeBoolean: { zh: '是/否', en: 'Yes/no' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  known: { zh: '有数据', en: 'is known' },
  missing: { zh: '无数据', en: 'is missing' },
  enterNumber: { zh: '请输入数字', en: 'Enter a number' },
  readOnly: { zh: '只读', en: 'Read only' },
  issuesIn: { zh: '{n} 个问题', en: '{n} to fix' },
  tierCount: { zh: '{n} 个等级', en: '{n} tiers' },
  catchAll: { zh: '兜底', en: 'catch-all' },
} satisfies Record<string, Text>;

export type EditorTextKey = keyof typeof EDITOR_TEXT;

export const KIND_TEXT: Record<ConditionKind, Text> = {
  true: { zh: '总是成立（兜底）', en: 'Always (catch-all)' },
  all: { zh: '全部满足', en: 'All of' },
  any: { zh: '任一满足', en: 'Any of' },
  not: { zh: '不满足', en: 'Not' },
  leaf: { zh: '比较', en: 'Comparison' },
};

export const ACCESSOR_TEXT: Record<AccessorKind, Text> = {
  metric: { zh: '目录指标', en: 'Catalogue metric' },
  field: { zh: 'CRM 字段', en: 'CRM field' },
  attr: { zh: '客户属性', en: 'Account attribute' },
  flag: { zh: '标记', en: 'Flag' },
  dim: { zh: '其他维度的等级', en: 'Tier of another dimension' },
};

export const OP_TEXT: Record<Op, Text> = {
  '>=': { zh: '≥ 不少于', en: '≥ at least' },
  '>': { zh: '> 大于', en: '> more than' },
  '<=': { zh: '≤ 不超过', en: '≤ at most' },
  '<': { zh: '< 小于', en: '< less than' },
  '==': { zh: '= 等于', en: '= is' },
  '!=': { zh: '≠ 不等于', en: '≠ is not' },
  between: { zh: '介于', en: 'between' },
  in: { zh: '属于其中之一', en: 'is one of' },
  not_in: { zh: '不属于其中任何一个', en: 'is none of' },
  exists: { zh: '有无数据', en: 'known or missing' },
};

export const THRESHOLD_TEXT: Record<ThresholdMode, Text> = {
  number: { zh: '固定数值', en: 'A number' },
  percentile: { zh: '全体客户的百分位', en: 'A percentile of all accounts' },
  metric: { zh: '另一个指标', en: 'Another metric' },
};

export const FAMILY_TEXT: Record<MetricFamily, Text> = {
  orders: { zh: '订单与商机', en: 'Orders and pipeline' },
  interactions: { zh: '互动', en: 'Interactions' },
  surveys: { zh: '满意度与 NPS', en: 'Satisfaction and NPS' },
  referrals: { zh: '转介绍', en: 'Referrals' },
  account: { zh: '客户资料', en: 'Account' },
};

/** `{name}` placeholders filled from `vars`. */
export function fill(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function editorText(lang: Lang, key: EditorTextKey, vars?: Record<string, string | number>): string {
  return fill(EDITOR_TEXT[key][lang], vars);
}
