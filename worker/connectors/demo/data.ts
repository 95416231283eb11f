/**
 * The demo CRM: a deterministic synthetic data set of 300 accounts, so the worker, the
 * extension and the docs work without any CRM account.
 *
 * Everything is laid out as offsets (whole days and hours) before an anchor time; the worker
 * passes the start of the current UTC day. The random draws never depend on the anchor, so
 * every anchor gives the same accounts, the same ids and the same tiers, and one anchor always
 * gives byte-identical output.
 *
 * The accounts come from archetypes (strategic, vip, key, new, dormant, low value, loyal,
 * churned, prospects ...) chosen so that the default playbook reaches every tier of every
 * dimension, with and without population statistics. Figures that decide a tier keep at
 * least two days of margin from the playbook's thresholds (90, 180, 365, 730 days), so the
 * tiers hold for any evaluation time within a day or so after the anchor.
 *
 * Amounts are in the account's currency (CNY for accounts in mainland China, USD otherwise);
 * the rules compare them as they are, like the CRM shows them.
 */
import type { AccountSnapshot, InteractionKind } from '../../../shared/schema.ts';

export const DEMO_CRM = 'demo';
export const DEMO_ACCOUNT_COUNT = 300;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SEED = 0x7131e45;
const ID_PREFIX = '4876876000000';
const DEAL_ID_PREFIX = '4876876000001';

/**
 * One account per headline (relationship) tier, for docs and tests. Hand-made accounts with
 * fixed ids; each holds its tier with and without population statistics.
 */
export const DEMO_FEATURED = {
  strategic: '4876876000000333002',
  vip: '4876876000000333003',
  /** The account of the AccountSnapshot example in the design notes. */
  key: '4876876000000333001',
  new: '4876876000000333004',
  dormant: '4876876000000333005',
  low_value: '4876876000000333006',
  standard: '4876876000000333007',
} as const;

/** Accounts with awkward strings, for security and layout tests. */
export const DEMO_SPECIAL = {
  /** Named `<img src=x onerror=alert(1)>`, with markup in other fields too: must render as text. */
  hostile: '4876876000000333008',
  /** A very long bilingual name (over 250 characters). */
  longName: '4876876000000333009',
  /** Almost nothing known: no attributes, orders, interactions or surveys. */
  empty: '4876876000000333010',
} as const;

export const DEMO_HOSTILE_NAME = '<img src=x onerror=alert(1)>';

// ---------------------------------------------------------------- randomness

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for synthetic data, and reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  /** Amount in [lo, hi], rounded to `step`. */
  amount(lo: number, hi: number, step = 100): number {
    return Math.round((lo + this.next() * (hi - lo)) / step) * step;
  }
  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = list[i] as T;
      list[i] = list[j] as T;
      list[j] = tmp;
    }
    return list;
  }
}

// ---------------------------------------------------------------- vocabulary

interface Industry {
  name: string;
  zh: readonly string[];
  en: readonly string[];
  categories: readonly string[];
}

const INDUSTRIES: readonly Industry[] = [
  {
    name: 'Real estate',
    zh: ['易居', '置业', '地产'],
    en: ['Realty', 'Properties', 'Homes'],
    categories: ['agency services', 'property management', 'marketing package'],
  },
  {
    name: 'Software',
    zh: ['科技', '软件', '信息技术'],
    en: ['Software', 'Labs', 'Systems'],
    categories: ['licenses', 'subscription', 'implementation'],
  },
  {
    name: 'Manufacturing',
    zh: ['机械', '精密制造', '重工'],
    en: ['Manufacturing', 'Industries', 'Machinery'],
    categories: ['spare parts', 'equipment', 'maintenance contract'],
  },
  {
    name: 'Logistics',
    zh: ['物流', '供应链', '速运'],
    en: ['Logistics', 'Freight', 'Supply Chain'],
    categories: ['fleet telematics', 'warehouse system', 'route planning'],
  },
  {
    name: 'Healthcare',
    zh: ['医药', '医疗器械', '生物科技'],
    en: ['Health', 'Medical', 'Biosciences'],
    categories: ['consumables', 'lab equipment', 'service plan'],
  },
  {
    name: 'Retail',
    zh: ['商贸', '百货', '连锁超市'],
    en: ['Retail', 'Stores', 'Outfitters'],
    categories: ['POS terminals', 'loyalty program', 'store fit-out'],
  },
  {
    name: 'Food & beverage',
    zh: ['食品', '餐饮管理', '茶业'],
    en: ['Foods', 'Kitchens', 'Beverages'],
    categories: ['packaging', 'cold chain', 'ingredients'],
  },
  {
    name: 'Education',
    zh: ['教育科技', '培训学校'],
    en: ['Learning', 'Academy'],
    categories: ['course licenses', 'classroom hardware', 'training'],
  },
  {
    name: 'Energy',
    zh: ['新能源', '光伏', '电力工程'],
    en: ['Energy', 'Solar', 'Power'],
    categories: ['inverters', 'monitoring', 'installation'],
  },
  { name: 'Textiles', zh: ['纺织', '服饰'], en: ['Textiles', 'Apparel'], categories: ['fabric', 'dyeing service', 'samples'] },
  {
    name: 'Financial services',
    zh: ['融资租赁', '保险代理'],
    en: ['Capital', 'Financial'],
    categories: ['data feeds', 'compliance audit', 'advisory'],
  },
  {
    name: 'Construction',
    zh: ['建设', '建筑工程'],
    en: ['Builders', 'Construction'],
    categories: ['materials', 'site survey', 'project management'],
  },
  {
    name: 'Electronics',
    zh: ['电子', '半导体'],
    en: ['Electronics', 'Semiconductor'],
    categories: ['components', 'test fixtures', 'design service'],
  },
];

const CN_CITIES: readonly (readonly [city: string, region: string])[] = [
  ['上海', '上海'],
  ['北京', '北京'],
  ['杭州', '浙江'],
  ['深圳', '广东'],
  ['广州', '广东'],
  ['成都', '四川'],
  ['苏州', '江苏'],
  ['南京', '江苏'],
  ['武汉', '湖北'],
  ['西安', '陕西'],
  ['重庆', '重庆'],
  ['天津', '天津'],
  ['青岛', '山东'],
  ['厦门', '福建'],
  ['宁波', '浙江'],
  ['合肥', '安徽'],
  ['长沙', '湖南'],
  ['东莞', '广东'],
];

const CN_BRANDS: readonly string[] = [
  '金丰',
  '云栖',
  '华信',
  '恒通',
  '瑞康',
  '启明',
  '博远',
  '鼎盛',
  '汇智',
  '远航',
  '天成',
  '海纳',
  '新锐',
  '宏达',
  '嘉禾',
  '永安',
  '德润',
  '绿源',
  '星辰',
  '正和',
  '明德',
  '众联',
  '盛世',
  '安泰',
  '同创',
  '卓越',
  '锦程',
  '优品',
  '万象',
  '长风',
  '青禾',
  '睿思',
  '瀚海',
  '佳木',
  '百川',
  '晨光',
  '蓝海',
  '凯源',
  '富春',
  '临江',
  '信达',
  '泰和',
];

const CN_FORMS: readonly string[] = ['', '', '有限公司', '有限公司', '股份有限公司', '集团'];

const INTL_PLACES: readonly (readonly [country: string, region: string, city: string])[] = [
  ['US', 'Texas', 'Austin'],
  ['US', 'Washington', 'Seattle'],
  ['US', 'Massachusetts', 'Boston'],
  ['US', 'Illinois', 'Chicago'],
  ['US', 'California', 'San Jose'],
  ['GB', 'England', 'London'],
  ['GB', 'England', 'Manchester'],
  ['SG', 'Singapore', 'Singapore'],
  ['DE', 'Bavaria', 'Munich'],
  ['DE', 'Berlin', 'Berlin'],
  ['AU', 'New South Wales', 'Sydney'],
  ['HK', 'Hong Kong', 'Hong Kong'],
  ['JP', 'Tokyo', 'Tokyo'],
  ['CA', 'Ontario', 'Toronto'],
];

const EN_BRANDS: readonly string[] = [
  'Bluepeak',
  'Harborline',
  'Ironbridge',
  'Maple & Finch',
  'Crescent',
  'Summit Ridge',
  'Clearwater',
  'Redwood',
  'Silverline',
  'Oakhurst',
  'Brightwave',
  'Granite',
  'Larkspur',
  'Meridian',
  'Pinecrest',
  'Stonegate',
  'Westbrook',
  'Evergreen',
  'Cobalt',
  'Foxglove',
  'Highland',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Northgate',
  'Orchard',
  'Quarry',
  'Riverside',
  'Tidewater',
  'Vantage',
];
const EN_FORMS: readonly string[] = ['', '', 'Inc.', 'Ltd', 'LLC', 'Group', 'GmbH', 'Co.'];

const CN_OWNERS: readonly string[] = ['王芳', '李伟', '张敏', '刘洋', '陈静', '杨帆', '赵磊', '周婷'];
const EN_OWNERS: readonly string[] = ['Emily Carter', 'James Lee', 'Priya Nair', 'Lukas Becker', 'Sofia Martins', 'Daniel Okafor'];
const TYPES = ['ordinary', 'commercial', 'high-end'] as const;

/**
 * Free text as reps type it into a "personality" field: catalogue names in both languages,
 * aliases, and a share of values no catalogue knows.
 */
const PERSONALITIES: readonly string[] = [
  '分析型',
  '犹豫不决',
  '犹豫型',
  '沉默型',
  '唠叨型',
  '和气型',
  '杀价型',
  '精明型',
  '挑剔型',
  '冲动型',
  '感情型',
  '固执型',
  '条理型',
  '牢骚型',
  '自尊自大',
  '问题型',
  '不同意型',
  '理智型',
  '任务型',
  '贪婪型',
  '关系型',
  '经济困难型',
  '吝啬型',
  'Analytical',
  'Hesitant',
  'price haggler',
  'Talkative',
  'Amiable',
  'Silent',
  'Impulsive',
  'Emotional',
  'Stubborn',
  'Picky',
  'Rational',
  'task-driven',
  'Relationship-driven',
  'Methodical',
  'Shrewd',
  'complainer',
  '豪爽干脆',
  '刁蛮型',
  '脾气暴躁',
  '完全拒绝型',
  '虚情假意',
  '主人翁型',
  '抢功型',
  '综合型',
  '吹毛求疵',
  'penny-pincher',
  'hard up',
  'Decisive',
  'Quiet',
  'easy-going',
  'Inquisitive',
  'Argumentative',
];
const UNMATCHED_PERSONALITIES: readonly string[] = ['', '待定', 'N/A', '喜欢打高尔夫', 'prefers WeChat', '?'];

const SOURCES: readonly string[] = ['展会', '官网', '转介绍', '电话营销', 'Web form', 'Partner', 'Trade show', 'Referral'];
const CREDIT: readonly string[] = ['AAA', 'AA', 'A', 'BBB', 'B'];
const CHANNELS: readonly string[] = ['微信', '电话', 'Email', 'WhatsApp', '钉钉', 'LinkedIn'];

// ---------------------------------------------------------------- templates (anchor-free)

/** Ages are milliseconds before the anchor; a negative age is in the future (expected close of an open deal). */
interface OrderT {
  id: string;
  amount: number;
  status: 'won' | 'lost' | 'open';
  age?: number;
  category?: string;
}

interface Template {
  id: string;
  name: string;
  createdAge: number;
  currency?: string;
  attributes?: NonNullable<AccountSnapshot['attributes']>;
  flags?: Record<string, boolean>;
  orders: OrderT[];
  interactions: { kind: InteractionKind; age: number }[];
  surveys: { kind: 'csat' | 'nps'; score: number; age: number }[];
  referrals: number[];
  overdueAmount?: number;
  personality?: string;
  fields?: Record<string, string | number | boolean | null>;
}

const ago = (days: number, hours: number) => days * DAY_MS + hours * HOUR_MS;

/** Day counts where the default playbook changes its mind about a won order's age. */
const THRESHOLD_DAYS: readonly number[] = [90, 180, 365, 730];
const MARGIN_DAYS = 3;

/**
 * Moves an order's age out of the few days around a playbook threshold, so no tier flips
 * during the day after the anchor. Archetype ranges all end outside these bands, so the
 * moved age stays inside the range it was drawn from.
 */
function clearOfThresholds(days: number): number {
  for (const t of THRESHOLD_DAYS) {
    if (Math.abs(days - t) <= MARGIN_DAYS) return days < t ? t - MARGIN_DAYS - 1 : t + MARGIN_DAYS + 1;
  }
  return days;
}

const INTERACTION_MIX: readonly InteractionKind[] = [
  'call',
  'call',
  'call',
  'email',
  'email',
  'email',
  'meeting',
  'visit',
  'ticket',
  'chat',
  'web',
  'web',
];
const SUPPORT_MIX: readonly InteractionKind[] = ['ticket', 'ticket', 'chat', 'chat', 'call', 'email', 'web'];

/** Collects one account's records; every date an offset in whole days and hours. */
class AccountBuilder {
  readonly orders: OrderT[] = [];
  readonly interactions: { kind: InteractionKind; age: number }[] = [];
  readonly surveys: { kind: 'csat' | 'nps'; score: number; age: number }[] = [];
  readonly referrals: number[] = [];
  private readonly rng: Rng;
  private readonly nextDealId: () => string;
  private readonly categories: readonly string[];
  private readonly step: number;
  constructor(rng: Rng, nextDealId: () => string, categories: readonly string[], step: number) {
    this.rng = rng;
    this.nextDealId = nextDealId;
    this.categories = categories;
    this.step = step;
  }

  won(minDays: number, maxDays: number, lo: number, hi: number, step = this.step): number {
    const amount = this.rng.amount(lo, hi, step);
    this.orders.push({
      id: this.nextDealId(),
      amount,
      status: 'won',
      age: ago(clearOfThresholds(this.rng.int(minDays, maxDays)), this.rng.int(1, 22)),
      category: this.rng.pick(this.categories),
    });
    return amount;
  }
  lost(minDays: number, maxDays: number, lo: number, hi: number): void {
    this.orders.push({
      id: this.nextDealId(),
      amount: this.rng.amount(lo, hi, this.step),
      status: 'lost',
      age: ago(this.rng.int(minDays, maxDays), this.rng.int(1, 22)),
      category: this.rng.pick(this.categories),
    });
  }
  /** An open deal; most carry an expected close date in the coming weeks. */
  open(lo: number, hi: number): void {
    const o: OrderT = {
      id: this.nextDealId(),
      amount: this.rng.amount(lo, hi, this.step),
      status: 'open',
      category: this.rng.pick(this.categories),
    };
    if (this.rng.chance(0.8)) o.age = -ago(this.rng.int(5, 120), 0);
    this.orders.push(o);
  }
  touches(n: number, minDays: number, maxDays: number, mix: readonly InteractionKind[] = INTERACTION_MIX): void {
    for (let i = 0; i < n; i++)
      this.interactions.push({ kind: this.rng.pick(mix), age: ago(this.rng.int(minDays, maxDays), this.rng.int(1, 23)) });
  }
  /** Interactions in the last 90 days (kept within 88 days) plus older history. */
  engagement(recent: number, older: number, mix?: readonly InteractionKind[]): void {
    this.touches(recent, 0, 87, mix);
    this.touches(older, 93, 900, mix);
  }
  csat(scores: readonly number[]): void {
    // Newest first, a survey every few months.
    let days = this.rng.int(10, 40);
    for (const score of scores) {
      this.surveys.push({ kind: 'csat', score, age: ago(days, this.rng.int(1, 22)) });
      days += this.rng.int(60, 120);
    }
  }
  nps(latest: number, older: readonly number[] = []): void {
    let days = this.rng.int(5, 60);
    for (const score of [latest, ...older]) {
      this.surveys.push({ kind: 'nps', score, age: ago(days, this.rng.int(1, 22)) });
      days += this.rng.int(150, 220);
    }
  }
  referral(minDays: number, maxDays: number): void {
    this.referrals.push(ago(this.rng.int(minDays, maxDays), this.rng.int(1, 22)));
  }
}

type Satisfaction = 'high' | 'medium' | 'low' | 'none';
type Advocacy = 'promoter' | 'referrer' | 'passive' | 'detractor' | 'none';
type Size = 'large' | 'medium' | 'small' | 'unknown';

interface Profile {
  name: string;
  chinese: boolean;
  industry: Industry;
  country: string;
  region: string;
  city: string;
  owner: string;
  type: (typeof TYPES)[number];
}

const CSAT_BY_LEVEL: Record<Exclude<Satisfaction, 'none'>, readonly (readonly number[])[]> = {
  high: [
    [5, 5, 4],
    [5, 4, 4, 3],
    [4, 5, 5, 5],
    [5, 5, 5],
  ],
  medium: [
    [4, 3, 4],
    [3, 3, 4, 5],
    [4, 4, 3],
    [3, 4, 3, 2],
  ],
  low: [
    [2, 3, 2],
    [1, 2, 3, 4],
    [3, 2, 2],
    [2, 2, 1],
  ],
};

function satisfaction(b: AccountBuilder, rng: Rng, level: Satisfaction): void {
  if (level === 'none') return;
  b.csat(rng.pick(CSAT_BY_LEVEL[level]));
}

function advocacy(b: AccountBuilder, rng: Rng, level: Advocacy): void {
  switch (level) {
    case 'promoter':
      b.nps(rng.int(9, 10), rng.chance(0.5) ? [rng.int(7, 10)] : []);
      if (rng.chance(0.4)) b.referral(10, 340);
      return;
    case 'referrer':
      // A referral in the last year makes a promoter whatever the survey said.
      b.referral(10, 340);
      if (rng.chance(0.5)) b.nps(rng.int(6, 8));
      return;
    case 'passive':
      b.nps(rng.int(7, 8), rng.chance(0.5) ? [rng.int(3, 10)] : []);
      if (rng.chance(0.3)) b.referral(380, 900);
      return;
    case 'detractor':
      b.nps(rng.int(0, 6), rng.chance(0.5) ? [rng.int(5, 10)] : []);
      return;
    case 'none':
      return;
  }
}

function sizeAttributes(rng: Rng, size: Size): { employees?: number; annualRevenue?: number } {
  switch (size) {
    case 'large':
      return rng.chance(0.7)
        ? { employees: rng.int(1_100, 25_000), annualRevenue: rng.amount(150_000_000, 4_000_000_000, 1_000_000) }
        : { annualRevenue: rng.amount(120_000_000, 900_000_000, 1_000_000) };
    case 'medium':
      return rng.chance(0.7)
        ? { employees: rng.int(110, 900), annualRevenue: rng.amount(12_000_000, 90_000_000, 100_000) }
        : { employees: rng.int(120, 950) };
    case 'small':
      return rng.chance(0.6)
        ? { employees: rng.int(3, 90), annualRevenue: rng.amount(300_000, 9_000_000, 10_000) }
        : { employees: rng.int(2, 80) };
    case 'unknown':
      return {};
  }
}

interface Archetype {
  kind: string;
  count: number;
  build(b: AccountBuilder, rng: Rng): { flags?: Record<string, boolean>; size: Size; createdDays: number; overdue?: number };
}

const weighted = <T>(rng: Rng, table: readonly (readonly [T, number])[]): T => {
  let total = 0;
  for (const [, w] of table) total += w;
  let x = rng.float() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return (table[table.length - 1] as readonly [T, number])[0];
};

const SAT_MIX: readonly (readonly [Satisfaction, number])[] = [
  ['high', 4],
  ['medium', 4],
  ['low', 2],
  ['none', 3],
];
const ADV_MIX: readonly (readonly [Advocacy, number])[] = [
  ['promoter', 3],
  ['referrer', 1],
  ['passive', 3],
  ['detractor', 2],
  ['none', 4],
];
const SIZE_MIX: readonly (readonly [Size, number])[] = [
  ['large', 2],
  ['medium', 4],
  ['small', 4],
  ['unknown', 1],
];

/** The mix of the generated population. Counts add up to DEMO_ACCOUNT_COUNT minus the hand-made accounts. */
const ARCHETYPES: readonly Archetype[] = [
  {
    // Annual supply agreement; big, old and busy. Relationship strategic, lifecycle loyal.
    kind: 'strategic',
    count: 11,
    build(b, rng) {
      b.won(745, 1400, 200_000, 900_000);
      for (let i = rng.int(2, 6); i > 0; i--) b.won(370, 1500, 100_000, 800_000);
      for (let i = rng.int(5, 13); i > 0; i--) b.won(3, 355, 150_000, 900_000);
      if (rng.chance(0.6)) b.open(300_000, 2_000_000);
      b.engagement(rng.int(12, 30), rng.int(10, 30));
      return {
        flags: { annualAgreement: true, keyAccount: rng.chance(0.5) },
        size: rng.chance(0.8) ? 'large' : 'medium',
        createdDays: rng.int(1000, 2400),
      };
    },
  },
  {
    // Five million or more won in the last year, without an agreement.
    kind: 'vip',
    count: 11,
    build(b, rng) {
      let sum = 0;
      for (let i = rng.int(3, 7); i > 0; i--) sum += b.won(3, 355, 900_000, 2_400_000);
      while (sum < 5_200_000) sum += b.won(3, 355, 600_000, 1_500_000);
      if (rng.chance(0.7)) for (let i = rng.int(1, 6); i > 0; i--) b.won(380, 1800, 200_000, 1_500_000);
      if (rng.chance(0.4)) b.open(500_000, 3_000_000);
      // Some big buyers are rarely in touch: rich but not loyal.
      b.engagement(rng.chance(0.3) ? rng.int(0, 2) : rng.int(3, 25), rng.int(3, 20));
      return {
        flags: { annualAgreement: false, keyAccount: false },
        size: rng.chance(0.7) ? 'large' : 'medium',
        createdDays: rng.int(500, 2500),
      };
    },
  },
  {
    // Flagged key accounts (major platforms) with mid-sized business.
    kind: 'key_flag',
    count: 16,
    build(b, rng) {
      b.won(400, 1600, 50_000, 400_000);
      for (let i = rng.int(2, 7); i > 0; i--) b.won(3, 355, 40_000, 350_000);
      if (rng.chance(0.5)) b.open(100_000, 800_000);
      if (rng.chance(0.3)) b.lost(10, 300, 50_000, 300_000);
      b.engagement(rng.int(2, 20), rng.int(5, 20));
      return {
        flags: { annualAgreement: false, keyAccount: true },
        size: weighted(rng, [
          ['large', 2],
          ['medium', 2],
        ] as const),
        createdDays: rng.int(450, 2000),
      };
    },
  },
  {
    // High value and frequent contact, no flag: key by the value/engagement rule.
    kind: 'key_value',
    count: 11,
    build(b, rng) {
      b.won(380, 1200, 100_000, 600_000);
      let sum = 0;
      for (let i = rng.int(3, 6); i > 0; i--) sum += b.won(3, 355, 300_000, 1_000_000);
      while (sum < 1_600_000) sum += b.won(3, 355, 200_000, 600_000);
      b.engagement(rng.int(14, 28), rng.int(5, 15));
      return { size: weighted(rng, SIZE_MIX), createdDays: rng.int(400, 1500) };
    },
  },
  {
    // First won order in the last 90 days.
    kind: 'new',
    count: 28,
    build(b, rng) {
      for (let i = rng.int(1, 3); i > 0; i--) b.won(3, 85, 8_000, 250_000);
      if (rng.chance(0.5)) b.open(20_000, 400_000);
      if (rng.chance(0.2)) b.lost(100, 200, 10_000, 80_000);
      b.engagement(rng.int(2, 16), rng.int(0, 6));
      return { size: weighted(rng, SIZE_MIX), createdDays: rng.int(95, 200) };
    },
  },
  {
    // Exactly one won order, between six months and a year ago: relationship and lifecycle dormant.
    kind: 'one_order_dormant',
    count: 13,
    build(b, rng) {
      b.won(186, 355, 5_000, 300_000);
      if (rng.chance(0.3)) b.lost(190, 500, 10_000, 200_000);
      b.engagement(rng.int(0, 4), rng.int(2, 12));
      return { size: weighted(rng, SIZE_MIX), createdDays: rng.int(380, 900) };
    },
  },
  {
    // Exactly one won order, over a year ago: relationship dormant, lifecycle churned.
    kind: 'one_order_churned',
    count: 10,
    build(b, rng) {
      b.won(372, 1100, 5_000, 300_000);
      b.engagement(rng.int(0, 2), rng.int(1, 10));
      return { size: weighted(rng, SIZE_MIX), createdDays: rng.int(1150, 2000) };
    },
  },
  {
    // Small orders, lots of support contact: won < 10,000 in the last year and 10+ interactions in 90 days.
    kind: 'low_value',
    count: 17,
    build(b, rng) {
      // At most 3 x 2,800 in the last year: always under 10,000.
      for (let i = rng.int(1, 3); i > 0; i--) b.won(5, 170, 500, 2_800, 10);
      for (let i = rng.int(1, 3); i > 0; i--) b.won(372, 900, 500, 3_000, 10);
      b.engagement(rng.int(10, 22), rng.int(5, 20), SUPPORT_MIX);
      return {
        size: rng.chance(0.8) ? 'small' : 'unknown',
        createdDays: rng.int(950, 1800),
        overdue: rng.chance(0.4) ? rng.amount(200, 3_000, 10) : undefined,
      };
    },
  },
  {
    // Long-standing customers buying regularly: lifecycle loyal.
    kind: 'loyal',
    count: 30,
    build(b, rng) {
      b.won(745, 1500, 20_000, 200_000);
      for (let i = rng.int(1, 6); i > 0; i--) b.won(370, 1400, 20_000, 250_000);
      for (let i = rng.int(4, 13); i > 0; i--) b.won(3, 355, 10_000, 140_000);
      if (rng.chance(0.3)) b.open(30_000, 300_000);
      b.engagement(rng.int(3, 18), rng.int(8, 25));
      return { size: weighted(rng, SIZE_MIX), createdDays: rng.int(800, 2400) };
    },
  },
  {
    // The broad middle: some orders in the last half year, tenure under two years or few orders.
    kind: 'mature',
    count: 75,
    build(b, rng) {
      b.won(100, 700, 5_000, 300_000);
      for (let i = rng.int(0, 4); i > 0; i--) b.won(3, 170, 5_000, 300_000);
      if (rng.chance(0.4)) b.won(100, 355, 5_000, 200_000);
      if (rng.chance(0.4)) b.open(10_000, 300_000);
      if (rng.chance(0.3)) b.lost(10, 350, 5_000, 200_000);
      const recent = weighted(rng, [
        [0, 1],
        [1, 2],
        [2, 2],
        [5, 5],
        [9, 3],
        [14, 2],
      ] as const);
      b.engagement(recent === 0 ? 0 : rng.int(recent, recent + 3), rng.int(3, 15));
      return { size: weighted(rng, SIZE_MIX), createdDays: rng.int(720, 2400) };
    },
  },
  {
    // Several orders, the last between six months and a year ago: lifecycle dormant.
    kind: 'lapsing',
    count: 12,
    build(b, rng) {
      for (let i = rng.int(2, 5); i > 0; i--) b.won(186, 700, 5_000, 200_000);
      b.won(186, 355, 5_000, 200_000);
      b.engagement(rng.int(0, 6), rng.int(5, 20));
      return {
        size: weighted(rng, SIZE_MIX),
        createdDays: rng.int(720, 1600),
        overdue: rng.chance(0.3) ? rng.amount(5_000, 80_000) : undefined,
      };
    },
  },
  {
    // Several orders, none in the last year: lifecycle churned.
    kind: 'churned',
    count: 14,
    build(b, rng) {
      for (let i = rng.int(2, 6); i > 0; i--) b.won(372, 1400, 5_000, 250_000);
      if (rng.chance(0.3)) b.lost(30, 300, 10_000, 100_000);
      b.engagement(rng.int(0, 3), rng.int(3, 20));
      return {
        size: weighted(rng, SIZE_MIX),
        createdDays: rng.int(1450, 2600),
        overdue: rng.chance(0.3) ? rng.amount(1_000, 50_000) : undefined,
      };
    },
  },
  {
    // Never bought: leads with open deals, some lost deals, some very chatty.
    kind: 'prospect',
    count: 42,
    build(b, rng) {
      if (rng.chance(0.6)) for (let i = rng.int(1, 2); i > 0; i--) b.open(10_000, 900_000);
      if (rng.chance(0.3)) b.lost(10, 400, 10_000, 300_000);
      const recent = weighted(rng, [
        [0, 3],
        [2, 3],
        [5, 3],
        [11, 2],
      ] as const);
      b.engagement(recent === 0 ? 0 : rng.int(recent, recent + 4), rng.int(0, 8));
      return { size: weighted(rng, SIZE_MIX), createdDays: rng.int(5, 700) };
    },
  },
];

interface Namer {
  profile(rng: Rng, chinese: boolean): Profile;
  /** Keeps a name (a hand-made account's) from being generated again. */
  reserve(name: string): void;
}

function createNamer(): Namer {
  const used = new Set<string>();
  return {
    reserve(name) {
      used.add(name);
    },
    profile(rng, chinese) {
      const industry = rng.pick(INDUSTRIES);
      for (;;) {
        if (chinese) {
          const [city, region] = rng.pick(CN_CITIES);
          const name = `${city}${rng.pick(CN_BRANDS)}${rng.pick(industry.zh)}${rng.pick(CN_FORMS)}`;
          if (used.has(name)) continue;
          used.add(name);
          const owner = rng.chance(0.9) ? rng.pick(CN_OWNERS) : rng.pick(EN_OWNERS);
          return { name, chinese, industry, country: 'CN', region, city, owner, type: rng.pick(TYPES) };
        }
        const [country, region, city] = rng.pick(INTL_PLACES);
        const form = rng.pick(EN_FORMS);
        const name = `${rng.pick(EN_BRANDS)} ${rng.pick(industry.en)}${form ? ` ${form}` : ''}`;
        if (used.has(name)) continue;
        used.add(name);
        const owner = rng.chance(0.8) ? rng.pick(EN_OWNERS) : rng.pick(CN_OWNERS);
        return { name, chinese, industry, country, region, city, owner, type: rng.pick(TYPES) };
      }
    },
  };
}

function customFields(rng: Rng): Record<string, string | number | boolean | null> {
  const fields: Record<string, string | number | boolean | null> = {
    Customer_Source: rng.pick(SOURCES),
    Credit_Rating: rng.pick(CREDIT),
    Loyalty_Points: rng.int(0, 40) * 50,
  };
  if (rng.chance(0.6)) fields.Preferred_Channel = rng.pick(CHANNELS);
  if (rng.chance(0.3)) fields.Listed_Company = rng.chance(0.4);
  if (rng.chance(0.1)) fields.Parent_Account = null;
  return fields;
}

function personalityText(rng: Rng): string | undefined {
  const x = rng.float();
  if (x < 0.8) return rng.pick(PERSONALITIES);
  if (x < 0.92) return rng.pick(UNMATCHED_PERSONALITIES);
  return undefined;
}

interface Context {
  rng: Rng;
  namer: Namer;
  nextDealId: () => string;
}

function fromArchetype(ctx: Context, id: string, a: Archetype): Template {
  const { rng } = ctx;
  const p = ctx.namer.profile(rng, rng.chance(0.62));
  const currency = p.country === 'CN' ? 'CNY' : 'USD';
  const b = new AccountBuilder(rng, ctx.nextDealId, p.industry.categories, 100);
  const shape = a.build(b, rng);
  satisfaction(b, rng, weighted(rng, SAT_MIX));
  advocacy(b, rng, weighted(rng, ADV_MIX));
  const attributes: NonNullable<AccountSnapshot['attributes']> = {
    industry: p.industry.name,
    country: p.country,
    region: p.region,
    city: p.city,
    ...sizeAttributes(rng, shape.size),
    owner: p.owner,
    type: shape.size === 'large' && p.type === 'ordinary' ? 'commercial' : p.type,
  };
  // Most CRMs leave a few attributes blank.
  if (rng.chance(0.06)) delete attributes.industry;
  if (rng.chance(0.04)) delete attributes.city;
  const t: Template = {
    id,
    name: p.name,
    createdAge: ago(shape.createdDays, rng.int(0, 10)),
    currency,
    attributes,
    orders: b.orders,
    interactions: b.interactions,
    surveys: b.surveys,
    referrals: b.referrals,
    fields: customFields(rng),
  };
  if (shape.flags) t.flags = shape.flags;
  else if (rng.chance(0.5)) t.flags = { annualAgreement: false, keyAccount: false };
  t.overdueAmount = shape.overdue ?? (rng.chance(0.15) ? rng.amount(1_000, 60_000) : 0);
  const personality = personalityText(rng);
  if (personality !== undefined) t.personality = personality;
  return t;
}

/** The hand-made accounts: featured tiers and awkward strings. Their figures are fixed; only interaction times are drawn. */
function handMade(ctx: Context): Template[] {
  const { rng } = ctx;
  const make = (
    id: string,
    name: string,
    base: Partial<Template> & { createdDays: number },
    fill: (b: AccountBuilder) => void,
    categories: readonly string[] = ['licenses', 'implementation', 'subscription'],
  ): Template => {
    const b = new AccountBuilder(rng, ctx.nextDealId, categories, 100);
    fill(b);
    const { createdDays, ...rest } = base;
    return {
      id,
      name,
      createdAge: ago(createdDays, 3),
      orders: b.orders,
      interactions: b.interactions,
      surveys: b.surveys,
      referrals: b.referrals,
      ...rest,
    };
  };
  const estate = INDUSTRIES[0] as Industry;
  return [
    make(
      DEMO_FEATURED.key,
      '上海金丰易居',
      {
        createdDays: 1700,
        currency: 'CNY',
        attributes: {
          industry: 'Real estate',
          country: 'CN',
          region: '上海',
          city: '上海',
          employees: 1200,
          annualRevenue: 350_000_000,
          owner: '李伟',
          type: 'commercial',
        },
        flags: { annualAgreement: false, keyAccount: true },
        overdueAmount: 0,
        personality: '分析型',
        fields: { Customer_Source: '展会', Credit_Rating: 'AA', Loyalty_Points: 1200, Preferred_Channel: '微信' },
      },
      (b) => {
        b.won(900, 900, 600_000, 600_000);
        b.won(500, 500, 800_000, 800_000);
        b.won(60, 60, 1_200_000, 1_200_000);
        b.won(150, 150, 450_000, 450_000);
        b.open(900_000, 900_000);
        b.engagement(9, 30);
        b.csat([5, 4, 4]);
        b.nps(9, [8]);
        b.referral(120, 120);
      },
      estate.categories,
    ),
    make(
      DEMO_FEATURED.strategic,
      '杭州云栖科技股份有限公司',
      {
        createdDays: 2300,
        currency: 'CNY',
        attributes: {
          industry: 'Software',
          country: 'CN',
          region: '浙江',
          city: '杭州',
          employees: 5400,
          annualRevenue: 2_100_000_000,
          owner: '王芳',
          type: 'high-end',
        },
        flags: { annualAgreement: true, keyAccount: true },
        overdueAmount: 0,
        personality: '理智型',
        fields: { Customer_Source: '转介绍', Credit_Rating: 'AAA', Loyalty_Points: 2000, Listed_Company: true },
      },
      (b) => {
        b.won(1500, 1500, 900_000, 900_000);
        b.won(800, 800, 1_100_000, 1_100_000);
        for (const d of [20, 75, 130, 190, 250, 310]) b.won(d, d, 400_000, 700_000);
        b.open(1_500_000, 1_500_000);
        b.engagement(22, 30);
        b.csat([5, 5, 4]);
        b.nps(10, [9]);
      },
    ),
    make(
      DEMO_FEATURED.vip,
      'Meridian Freight Group',
      {
        createdDays: 1300,
        currency: 'USD',
        attributes: {
          industry: 'Logistics',
          country: 'SG',
          region: 'Singapore',
          city: 'Singapore',
          employees: 8200,
          annualRevenue: 1_400_000_000,
          owner: 'Priya Nair',
          type: 'high-end',
        },
        flags: { annualAgreement: false, keyAccount: false },
        overdueAmount: 0,
        personality: 'price haggler',
        fields: { Customer_Source: 'Trade show', Credit_Rating: 'AA', Loyalty_Points: 900, Preferred_Channel: 'Email' },
      },
      (b) => {
        b.won(700, 700, 800_000, 800_000);
        for (const d of [15, 100, 200, 300]) b.won(d, d, 1_500_000, 1_500_000);
        b.engagement(8, 25);
        b.csat([4, 3, 4]);
        b.nps(7);
      },
      (INDUSTRIES[3] as Industry).categories,
    ),
    make(
      DEMO_FEATURED.new,
      '成都瑞康医药有限公司',
      {
        createdDays: 120,
        currency: 'CNY',
        attributes: {
          industry: 'Healthcare',
          country: 'CN',
          region: '四川',
          city: '成都',
          employees: 340,
          annualRevenue: 48_000_000,
          owner: '陈静',
          type: 'commercial',
        },
        flags: { annualAgreement: false, keyAccount: false },
        overdueAmount: 0,
        personality: '犹豫不决',
        fields: { Customer_Source: '官网', Credit_Rating: 'A', Loyalty_Points: 100 },
      },
      (b) => {
        b.won(40, 40, 86_000, 86_000);
        b.open(240_000, 240_000);
        b.engagement(7, 3);
      },
      (INDUSTRIES[4] as Industry).categories,
    ),
    make(
      DEMO_FEATURED.dormant,
      'Oakhurst Kitchens Ltd',
      {
        createdDays: 800,
        currency: 'USD',
        attributes: {
          industry: 'Food & beverage',
          country: 'GB',
          region: 'England',
          city: 'Manchester',
          employees: 65,
          annualRevenue: 6_500_000,
          owner: 'James Lee',
          type: 'ordinary',
        },
        overdueAmount: 0,
        personality: 'Silent',
        fields: { Customer_Source: 'Web form', Credit_Rating: 'BBB', Loyalty_Points: 50 },
      },
      (b) => {
        b.won(260, 260, 18_000, 18_000);
        b.engagement(1, 6);
        b.csat([3, 4]);
      },
      (INDUSTRIES[6] as Industry).categories,
    ),
    make(
      DEMO_FEATURED.low_value,
      '东莞优品商贸',
      {
        createdDays: 1100,
        currency: 'CNY',
        attributes: { industry: 'Retail', country: 'CN', region: '广东', city: '东莞', employees: 12, owner: '赵磊', type: 'ordinary' },
        overdueAmount: 1_800,
        personality: '牢骚型',
        fields: { Customer_Source: '电话营销', Credit_Rating: 'B', Loyalty_Points: 0 },
      },
      (b) => {
        b.won(600, 600, 2_000, 2_000);
        b.won(120, 120, 1_500, 1_500);
        b.won(30, 30, 2_400, 2_400);
        b.engagement(16, 20, SUPPORT_MIX);
        b.csat([2, 3, 2]);
        b.nps(4);
      },
      (INDUSTRIES[5] as Industry).categories,
    ),
    make(
      DEMO_FEATURED.standard,
      'Bluepeak Software Inc.',
      {
        createdDays: 900,
        currency: 'USD',
        attributes: {
          industry: 'Software',
          country: 'US',
          region: 'Texas',
          city: 'Austin',
          employees: 420,
          annualRevenue: 61_000_000,
          owner: 'Emily Carter',
          type: 'commercial',
        },
        flags: { annualAgreement: false, keyAccount: false },
        overdueAmount: 0,
        personality: 'Amiable',
        fields: { Customer_Source: 'Partner', Credit_Rating: 'A', Loyalty_Points: 600, Preferred_Channel: 'Email' },
      },
      (b) => {
        b.won(600, 600, 90_000, 90_000);
        b.won(140, 140, 70_000, 70_000);
        b.won(145, 145, 50_000, 50_000);
        b.engagement(5, 20);
        b.csat([4, 4, 5]);
        b.nps(8);
      },
    ),
    make(
      DEMO_SPECIAL.hostile,
      DEMO_HOSTILE_NAME,
      {
        createdDays: 400,
        currency: 'CNY',
        attributes: {
          industry: '<script>alert("industry")</script>',
          country: 'CN',
          region: '"><svg onload=alert(2)>',
          city: "' onmouseover='alert(3)",
          owner: '<b>Mallory</b> & Co',
          type: 'ordinary',
          employees: 10,
        },
        overdueAmount: 0,
        personality: '<iframe src=javascript:alert(4)>',
        fields: { Notes: '</td></tr></table><script>alert(5)</script>', 'Quote"Key': '&amp; already escaped?' },
      },
      (b) => {
        b.won(30, 30, 3_000, 3_000);
        b.engagement(2, 2);
      },
      ['<img src=y onerror=alert(6)>'],
    ),
    make(
      DEMO_SPECIAL.longName,
      '中国东方国际长江三角洲区域一体化智能制造与供应链协同创新产业发展集团股份有限公司（上海浦东新区分公司国际采购与战略合作事业部）' +
        ' Greater Yangtze River Delta Integrated Intelligent Manufacturing & Supply-Chain Collaborative Innovation Industrial Development Group Holdings Co., Ltd.' +
        ' (Shanghai Pudong New Area Branch, International Procurement and Strategic Partnerships Division)',
      {
        createdDays: 1000,
        currency: 'CNY',
        attributes: {
          industry: 'Manufacturing',
          country: 'CN',
          region: '上海',
          city: '上海',
          employees: 32_000,
          annualRevenue: 9_800_000_000,
          owner: '张敏',
          type: 'high-end',
        },
        flags: { annualAgreement: false, keyAccount: false },
        overdueAmount: 0,
        personality: '条理型',
        fields: { Customer_Source: '展会', Credit_Rating: 'AA', Loyalty_Points: 300 },
      },
      (b) => {
        b.won(800, 800, 400_000, 400_000);
        b.won(110, 110, 250_000, 250_000);
        b.engagement(4, 12);
        b.nps(6);
      },
      (INDUSTRIES[2] as Industry).categories,
    ),
    make(DEMO_SPECIAL.empty, 'Untitled Account', { createdDays: 3 }, () => {}),
  ];
}

let templates: readonly Template[] | undefined;

function buildTemplates(): readonly Template[] {
  const rng = new Rng(SEED);
  let deal = 100_000;
  const ctx: Context = { rng, namer: createNamer(), nextDealId: () => `${DEAL_ID_PREFIX}${String(deal++).padStart(6, '0')}` };
  const made = handMade(ctx);
  for (const t of made) ctx.namer.reserve(t.name);
  const plan: Archetype[] = [];
  for (const a of ARCHETYPES) for (let i = 0; i < a.count; i++) plan.push(a);
  rng.shuffle(plan);
  let id = 400_000;
  const generated = plan.map((a) => {
    id += rng.int(1, 1500);
    return fromArchetype(ctx, `${ID_PREFIX}${id}`, a);
  });
  // Hand-made accounts sit among the others, as a CRM's list would show them.
  const out: Template[] = generated;
  made.forEach((t, i) => {
    out.splice(3 + i * 29, 0, t);
  });
  return out.map(sortNewestFirst);
}

/** The archetype counts must fill the population exactly; checked once, at first use. */
function getTemplates(): readonly Template[] {
  if (!templates) {
    const t = buildTemplates();
    if (t.length !== DEMO_ACCOUNT_COUNT) throw new Error(`demo data: expected ${DEMO_ACCOUNT_COUNT} accounts, built ${t.length}`);
    templates = t;
  }
  return templates;
}

// ---------------------------------------------------------------- snapshots

const byAgeAsc = (a: { age?: number }, b: { age?: number }) => (a.age ?? Number.NEGATIVE_INFINITY) - (b.age ?? Number.NEGATIVE_INFINITY);

/**
 * Sorts a template's records newest first, as a CRM's related lists show them (open deals,
 * with no or a future close date, on top). Done once, when the templates are built.
 */
function sortNewestFirst(t: Template): Template {
  t.orders.sort(byAgeAsc);
  t.interactions.sort(byAgeAsc);
  t.surveys.sort(byAgeAsc);
  t.referrals.sort((a, b) => a - b);
  return t;
}

/**
 * `Date#toISOString` for many times that share a few days and times of day: the date and the
 * time of day are each formatted once and cached. Same output, several times faster than
 * formatting each of the ~10,000 dates on its own.
 */
function isoFormatter(): (ms: number) => string {
  const days = new Map<number, string>();
  const times = new Map<number, string>();
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    const inDay = ms - day * DAY_MS;
    let d = days.get(day);
    if (d === undefined) {
      d = new Date(day * DAY_MS).toISOString().slice(0, 10);
      days.set(day, d);
    }
    let t = times.get(inDay);
    if (t === undefined) {
      t = new Date(inDay).toISOString().slice(10);
      times.set(inDay, t);
    }
    return d + t;
  };
}

export function generateDemoAccounts(anchorMs: number): AccountSnapshot[] {
  if (!Number.isFinite(anchorMs)) throw new RangeError(`demo data: anchor is not a finite time: ${String(anchorMs)}`);
  const format = isoFormatter();
  const iso = (age: number) => format(anchorMs - age);
  return getTemplates().map((t) => {
    const s: AccountSnapshot = { crm: DEMO_CRM, id: t.id, name: t.name, createdAt: iso(t.createdAge) };
    if (t.currency !== undefined) s.currency = t.currency;
    if (t.attributes) s.attributes = { ...t.attributes };
    if (t.flags) s.flags = { ...t.flags };
    s.orders = t.orders.map((o) => {
      const order: NonNullable<AccountSnapshot['orders']>[number] = { id: o.id, amount: o.amount, status: o.status };
      if (o.age !== undefined) order.closedAt = iso(o.age);
      if (o.category !== undefined) order.category = o.category;
      return order;
    });
    s.interactions = t.interactions.map((i) => ({ kind: i.kind, at: iso(i.age) }));
    s.surveys = t.surveys.map((v) => ({ kind: v.kind, score: v.score, at: iso(v.age) }));
    s.referrals = t.referrals.map((age) => ({ at: iso(age) }));
    if (t.overdueAmount !== undefined) s.overdueAmount = t.overdueAmount;
    if (t.personality !== undefined) s.personality = t.personality;
    if (t.fields) s.fields = { ...t.fields };
    return s;
  });
}
