/**
 * What both simulators' seeds share: the account archetypes that reach every headline tier of
 * TierLens's default playbook and their share of a generated population, and company names
 * (Chinese: city, brand, industry word, legal form; English: brand, industry word, legal form).
 * The draws are the seeds' own: each generator draws brand, industry word and legal form, in
 * that order, from the caller's stream.
 */
import type { Rng } from './rng.ts';

export const ARCHETYPES = ['strategic', 'vip', 'key', 'loyal', 'new', 'dormant', 'churned', 'low_value', 'prospect', 'standard'] as const;
export type Archetype = (typeof ARCHETYPES)[number];

/** Share of each archetype among the generated (non-featured) accounts. */
export const ARCHETYPE_MIX: readonly [Archetype, number][] = [
  ['strategic', 0.02],
  ['vip', 0.03],
  ['key', 0.04],
  ['loyal', 0.08],
  ['new', 0.06],
  ['dormant', 0.08],
  ['churned', 0.08],
  ['low_value', 0.05],
  ['prospect', 0.15],
  ['standard', 0.41],
];

export const CN_BRANDS = [
  '星河',
  '华信',
  '鼎盛',
  '远航',
  '新锐',
  '恒通',
  '博远',
  '金桥',
  '天成',
  '云帆',
  '瑞丰',
  '中科',
  '海纳',
  '卓越',
  '东方',
  '泰和',
  '启明',
  '盛世',
  '长青',
  '宏达',
  '凯旋',
  '明德',
  '嘉禾',
  '永安',
  '青松',
  '锦程',
  '润泽',
  '立信',
  '宇辰',
  '千禧',
] as const;
export const EN_BRANDS = [
  'Zylker',
  'Northwind',
  'Bluebird',
  'Summit',
  'Evergreen',
  'Ironclad',
  'Brightpath',
  'Keystone',
  'Silverline',
  'Redwood',
  'Harbor',
  'Pinnacle',
  'Vantage',
  'Cobalt',
  'Lumen',
  'Meridian',
  'Orchid',
  'Granite',
  'Falcon',
  'Aurora',
] as const;
export const CN_SUFFIXES = ['有限公司', '股份有限公司', '集团有限公司'] as const;
export const EN_SUFFIXES = ['Inc.', 'Ltd.', 'Corp', 'LLC', 'GmbH', 'Pte. Ltd.'] as const;

/** `{city}{brand}{industry word}{legal form}`, e.g. 上海星河科技有限公司. */
export function chineseCompanyName(rng: Rng, city: string, industryWords: readonly string[]): string {
  return `${city}${rng.pick(CN_BRANDS)}${rng.pick(industryWords)}${rng.pick(CN_SUFFIXES)}`;
}

/** `{brand} {industry word} {legal form}`, e.g. Zylker Software Inc. */
export function englishCompanyName(rng: Rng, industryWords: readonly string[]): string {
  return `${rng.pick(EN_BRANDS)} ${rng.pick(industryWords)} ${rng.pick(EN_SUFFIXES)}`;
}
