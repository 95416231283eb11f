/**
 * The seeded org: a deterministic Zoho CRM org with Accounts (Chinese and English names), their
 * Deals, Calls, Events, Tasks and Cases, plus a few Leads that reproduce the OAS examples.
 *
 * Everything is laid out in whole days and hours before an anchor (`now`, by default the start
 * of the current UTC day), and no random draw depends on the anchor: every anchor gives the same
 * records, ids and tiers. Accounts come from archetypes that reach every headline tier of
 * TierLens's default playbook (shared/DOMAIN.md): strategic (Annual_Agreement), vip (>= 5,000,000
 * won in 365 days), key (Key_Account), new (first won order within 90 days), dormant (one won
 * order, over 180 days old), low value (< 10,000 won in 365 days but >= 10 interactions in 90
 * days), loyal, churned, prospects and standard accounts. Figures that decide a tier keep at
 * least two days of margin from the 90/180/365/730-day thresholds.
 *
 * Amounts are in the account's currency: CNY for accounts in mainland China, USD otherwise.
 */
import { Rng } from '../sim-kit/rng.ts';
import { ARCHETYPE_MIX, ARCHETYPES, type Archetype, chineseCompanyName, englishCompanyName } from '../sim-kit/seed.ts';
import { DAY_MS, HOUR_MS } from '../sim-kit/time.ts';
import { OPEN_STAGES, PERSONALITY_VALUES } from './schema.ts';
import type { UserRef, ZohoRecord } from './store.ts';
import { zohoDate, zohoDateTime } from './time.ts';

export const DEFAULT_SEED = 0x20c8_0b1e;
export const DEFAULT_ACCOUNT_COUNT = 2400;

/** Org users (record owners). Patricia Boyle is the owner in the OAS examples. */
export const SIM_USERS: readonly UserRef[] = [
  { id: '4876876000000225013', name: 'Patricia Boyle', email: 'patricia.boyle@example.com' },
  { id: '4876876000000225021', name: '王芳', email: 'wang.fang@example.com' },
  { id: '4876876000000225029', name: '李强', email: 'li.qiang@example.com' },
  { id: '4876876000000225037', name: '张伟', email: 'zhang.wei@example.com' },
  { id: '4876876000000225045', name: 'Daniel Kim', email: 'daniel.kim@example.com' },
  { id: '4876876000000225053', name: 'Maria Lopez', email: 'maria.lopez@example.com' },
];
/** The user the API acts as (the refresh token's owner). */
export const API_USER = SIM_USERS[0] as UserRef;

export { ARCHETYPES, type Archetype };

/** One account per archetype with a fixed id, for connector tests and docs. */
export const ZOHO_SIM_FEATURED = {
  strategic: '4876876000000335001',
  vip: '4876876000000335002',
  key: '4876876000000335003',
  loyal: '4876876000000335004',
  new: '4876876000000335005',
  dormant: '4876876000000335006',
  churned: '4876876000000335007',
  low_value: '4876876000000335008',
  prospect: '4876876000000335009',
  standard: '4876876000000335010',
} as const satisfies Record<Archetype, string>;

/** Accounts with awkward contents. */
export const ZOHO_SIM_SPECIAL = {
  /** Named `<img src=x onerror=alert(1)>`: must render as text. */
  hostile: '4876876000000335011',
  /** Locked__s = true: updates fail per record with RECORD_LOCKED. */
  locked: '4876876000000335012',
  /** Only a name: no deals, activities, custom fields or address. */
  empty: '4876876000000335013',
} as const;

const FIRST_ACCOUNT_ID = 4876876000000400001n;
const FIRST_DEAL_ID = 4876876000001000001n;
const FIRST_CALL_ID = 4876876000002000001n;
const FIRST_EVENT_ID = 4876876000003000001n;
const FIRST_TASK_ID = 4876876000004000001n;
const FIRST_CASE_ID = 4876876000005000001n;
const FIRST_LEAD_ID = 4876876000006000001n;
const FIRST_CONTACT_ID = 4876876000007000001n;
/** Records created through the API or `control.mutate` get ids from here on. */
export const FIRST_NEW_ID = 4876876000009000001n;

export interface SeededOrg {
  modules: Record<string, ZohoRecord[]>;
  /** Archetype of every account, by id. */
  archetypes: Map<string, Archetype>;
  anchor: number;
}

// ---------------------------------------------------------------- vocabulary

interface Place {
  city: string;
  state: string;
  country: string;
  code: string;
}

const CN_PLACES: readonly Place[] = [
  { city: '上海市', state: '上海市', country: '中国', code: '200000' },
  { city: '北京市', state: '北京市', country: '中国', code: '100000' },
  { city: '深圳市', state: '广东省', country: '中国', code: '518000' },
  { city: '广州市', state: '广东省', country: '中国', code: '510000' },
  { city: '杭州市', state: '浙江省', country: '中国', code: '310000' },
  { city: '苏州市', state: '江苏省', country: '中国', code: '215000' },
  { city: '南京市', state: '江苏省', country: '中国', code: '210000' },
  { city: '成都市', state: '四川省', country: '中国', code: '610000' },
  { city: '武汉市', state: '湖北省', country: '中国', code: '430000' },
  { city: '西安市', state: '陕西省', country: '中国', code: '710000' },
  { city: '重庆市', state: '重庆市', country: '中国', code: '400000' },
  { city: '厦门市', state: '福建省', country: '中国', code: '361000' },
  { city: '青岛市', state: '山东省', country: '中国', code: '266000' },
  { city: '长沙市', state: '湖南省', country: '中国', code: '410000' },
];

const EN_PLACES: readonly Place[] = [
  { city: 'Austin', state: 'TX', country: 'United States', code: '78701' },
  { city: 'San Jose', state: 'CA', country: 'United States', code: '95113' },
  { city: 'Chicago', state: 'IL', country: 'United States', code: '60601' },
  { city: 'Boston', state: 'MA', country: 'United States', code: '02108' },
  { city: 'London', state: 'England', country: 'United Kingdom', code: 'EC1A 1BB' },
  { city: 'Manchester', state: 'England', country: 'United Kingdom', code: 'M1 1AE' },
  { city: 'Singapore', state: 'Singapore', country: 'Singapore', code: '018956' },
  { city: 'Munich', state: 'Bavaria', country: 'Germany', code: '80331' },
  { city: 'Sydney', state: 'NSW', country: 'Australia', code: '2000' },
  { city: 'Toronto', state: 'ON', country: 'Canada', code: 'M5H 2N2' },
];

interface IndustryWords {
  industry: string;
  zh: readonly string[];
  en: readonly string[];
  products: readonly string[];
}

const INDUSTRY_WORDS: readonly IndustryWords[] = [
  {
    industry: 'Technology',
    zh: ['科技', '信息技术', '软件'],
    en: ['Technologies', 'Software', 'Labs'],
    products: ['Licenses', 'Subscription', 'Implementation'],
  },
  {
    industry: 'Manufacturing',
    zh: ['机械', '精密制造', '重工'],
    en: ['Manufacturing', 'Industries', 'Machinery'],
    products: ['Spare Parts', 'Equipment', 'Maintenance'],
  },
  {
    industry: 'Logistics',
    zh: ['物流', '供应链', '速运'],
    en: ['Logistics', 'Freight', 'Supply Chain'],
    products: ['Fleet Telematics', 'Warehouse System', 'Route Planning'],
  },
  {
    industry: 'Healthcare',
    zh: ['医药', '医疗器械', '生物科技'],
    en: ['Health', 'Medical', 'Biotech'],
    products: ['Diagnostics', 'Lab Supplies', 'Service Plan'],
  },
  {
    industry: 'Retail',
    zh: ['商贸', '百货', '零售'],
    en: ['Retail', 'Stores', 'Trading'],
    products: ['POS Rollout', 'Loyalty Program', 'Store Fit-out'],
  },
  {
    industry: 'Financial Services',
    zh: ['金融服务', '投资', '融资租赁'],
    en: ['Capital', 'Financial', 'Partners'],
    products: ['Risk Platform', 'Advisory', 'Data Feed'],
  },
  {
    industry: 'Education',
    zh: ['教育科技', '培训', '文化'],
    en: ['Learning', 'Academy', 'Education'],
    products: ['Course Licenses', 'Training', 'Campus Kit'],
  },
  {
    industry: 'Consulting',
    zh: ['咨询', '管理顾问', '企业服务'],
    en: ['Consulting', 'Advisors', 'Group'],
    products: ['Assessment', 'Retainer', 'Workshop'],
  },
  {
    industry: 'Real Estate',
    zh: ['置业', '地产', '物业'],
    en: ['Realty', 'Properties', 'Estates'],
    products: ['Agency Services', 'Property Management', 'Marketing Package'],
  },
  {
    industry: 'Communications',
    zh: ['通信', '网络', '传媒'],
    en: ['Networks', 'Communications', 'Media'],
    products: ['Bandwidth', 'Network Upgrade', 'Managed Service'],
  },
];

const CALL_SUBJECTS = ['Follow-up call', 'Quarterly review', 'Renewal discussion', '回访电话', '需求沟通', '报价跟进'] as const;
const EVENT_TITLES = ['On-site visit', 'Product demo', 'Business review', '上门拜访', '产品演示', '年度回顾会'] as const;
const TASK_SUBJECTS = ['Send proposal', 'Prepare contract', 'Collect feedback', '发送报价单', '准备合同', '收集反馈'] as const;
const CASE_SUBJECTS = ['Invoice discrepancy', 'Delivery delayed', 'Feature question', '发票问题', '交付延迟', '功能咨询'] as const;

// ---------------------------------------------------------------- plans

interface Plan {
  archetype: Archetype;
  chinese: boolean;
  createdDaysAgo: number;
  /** Won deals: [days ago closed, amount]. */
  won: [number, number][];
  lost: [number, number][];
  /** Open deals: [days until expected close, amount]. */
  open: [number, number][];
  /** Past completed activities (days ago) by module. */
  calls: number[];
  events: number[];
  tasks: number[];
  cases: number[];
  /** Future/open activities (days ahead). */
  upcoming: number[];
  annualAgreement: boolean;
  keyAccount: boolean;
  csat: number | null;
  nps: number | null;
  referrals: number;
  employees: number | null;
  revenue: number | null;
}

function days(rng: Rng, n: number, lo: number, hi: number): number[] {
  return Array.from({ length: n }, () => rng.int(lo, hi));
}

function dealAmounts(rng: Rng, n: number, lo: number, hi: number, daysLo: number, daysHi: number): [number, number][] {
  return Array.from({ length: n }, () => [rng.int(daysLo, daysHi), rng.amount(lo, hi, 100)] as [number, number]);
}

function plan(rng: Rng, archetype: Archetype, chinese: boolean): Plan {
  const p: Plan = {
    archetype,
    chinese,
    createdDaysAgo: rng.int(200, 2000),
    won: [],
    lost: [],
    open: [],
    calls: [],
    events: [],
    tasks: [],
    cases: [],
    upcoming: [],
    annualAgreement: false,
    keyAccount: false,
    csat: rng.chance(0.7) ? Math.round((2 + rng.float() * 3) * 10) / 10 : null,
    nps: rng.chance(0.6) ? rng.int(0, 10) : null,
    referrals: 0,
    employees: rng.chance(0.9) ? rng.pick([8, 25, 60, 150, 400, 900, 2500, 12000]) + rng.int(0, 7) : null,
    revenue: rng.chance(0.8) ? rng.amount(500_000, 400_000_000, 10_000) : null,
  };
  switch (archetype) {
    case 'strategic':
      p.createdDaysAgo = rng.int(800, 2500);
      p.annualAgreement = true;
      p.won = [...dealAmounts(rng, rng.int(4, 9), 50_000, 800_000, 5, 360), ...dealAmounts(rng, rng.int(2, 6), 50_000, 600_000, 400, 790)];
      p.open = dealAmounts(rng, rng.int(1, 3), 100_000, 900_000, 10, 120);
      p.calls = days(rng, rng.int(6, 16), 1, 85);
      p.events = days(rng, rng.int(2, 5), 3, 85);
      p.csat = Math.round((3.8 + rng.float() * 1.2) * 10) / 10;
      p.nps = rng.int(7, 10);
      break;
    case 'vip': {
      p.createdDaysAgo = rng.int(500, 2500);
      p.won = dealAmounts(rng, rng.int(6, 11), 600_000, 2_400_000, 3, 360);
      const sum = p.won.reduce((s, [, a]) => s + a, 0);
      if (sum < 5_500_000) p.won.push([rng.int(20, 300), 5_500_000 - sum + 100_000]);
      p.won.push(...dealAmounts(rng, rng.int(2, 5), 300_000, 1_500_000, 380, 1200));
      p.open = dealAmounts(rng, rng.int(1, 4), 200_000, 2_000_000, 5, 150);
      p.calls = days(rng, rng.int(10, 22), 1, 85);
      p.events = days(rng, rng.int(2, 6), 2, 85);
      p.tasks = days(rng, rng.int(1, 4), 1, 85);
      p.nps = rng.int(8, 10);
      p.referrals = rng.int(0, 3);
      break;
    }
    case 'key':
      p.createdDaysAgo = rng.int(400, 2000);
      p.keyAccount = true;
      p.won = [...dealAmounts(rng, rng.int(2, 5), 50_000, 300_000, 10, 360), ...dealAmounts(rng, 1, 50_000, 300_000, 400, 700)];
      p.open = dealAmounts(rng, rng.int(0, 2), 50_000, 500_000, 10, 120);
      p.calls = days(rng, rng.int(4, 12), 1, 85);
      p.events = days(rng, rng.int(0, 3), 2, 85);
      break;
    case 'loyal':
      p.createdDaysAgo = rng.int(900, 2500);
      p.won = [...dealAmounts(rng, rng.int(1, 3), 20_000, 200_000, 760, 880), ...dealAmounts(rng, rng.int(5, 8), 20_000, 150_000, 5, 355)];
      p.calls = days(rng, rng.int(4, 9), 1, 85);
      p.tasks = days(rng, rng.int(0, 2), 1, 85);
      p.csat = Math.round((3.5 + rng.float() * 1.5) * 10) / 10;
      p.referrals = rng.int(0, 2);
      break;
    case 'new':
      p.createdDaysAgo = rng.int(20, 85);
      p.won = dealAmounts(rng, rng.int(1, 3), 10_000, 200_000, 3, 15);
      p.open = dealAmounts(rng, rng.int(0, 2), 20_000, 300_000, 10, 90);
      p.calls = days(rng, rng.int(3, 8), 1, 18);
      p.events = days(rng, rng.int(0, 2), 1, 18);
      p.csat = null;
      p.nps = null;
      break;
    case 'dormant':
      p.createdDaysAgo = rng.int(720, 2000);
      p.won = dealAmounts(rng, 1, 5_000, 120_000, 200, 700);
      p.lost = dealAmounts(rng, rng.int(0, 2), 5_000, 80_000, 190, 700);
      p.calls = days(rng, rng.int(0, 2), 100, 700);
      break;
    case 'churned':
      p.createdDaysAgo = rng.int(1300, 2500);
      p.won = dealAmounts(rng, rng.int(2, 5), 10_000, 300_000, 380, 1200);
      p.lost = dealAmounts(rng, rng.int(0, 2), 10_000, 200_000, 100, 360);
      p.calls = days(rng, rng.int(0, 2), 120, 360);
      p.nps = rng.chance(0.5) ? rng.int(0, 6) : null;
      break;
    case 'low_value':
      p.createdDaysAgo = rng.int(400, 1500);
      p.won = [...dealAmounts(rng, rng.int(1, 2), 500, 2_000, 100, 300), ...dealAmounts(rng, rng.int(1, 2), 500, 2_000, 5, 80)];
      p.calls = days(rng, rng.int(10, 18), 1, 85);
      p.cases = days(rng, rng.int(1, 3), 1, 85);
      p.tasks = days(rng, rng.int(0, 2), 1, 85);
      break;
    case 'prospect':
      p.createdDaysAgo = rng.int(5, 1500);
      p.open = dealAmounts(rng, rng.int(1, 3), 10_000, 500_000, 5, 150);
      p.lost = rng.chance(0.3) ? dealAmounts(rng, 1, 10_000, 200_000, 30, Math.max(30, p.createdDaysAgo - 1)) : [];
      p.calls = days(rng, rng.int(0, 6), 1, Math.min(85, Math.max(1, p.createdDaysAgo - 1)));
      p.csat = null;
      p.nps = null;
      break;
    case 'standard':
      p.createdDaysAgo = rng.int(400, 2000);
      p.won = [...dealAmounts(rng, 1, 10_000, 250_000, 100, 170), ...dealAmounts(rng, rng.int(1, 3), 10_000, 250_000, 10, 360)];
      p.lost = dealAmounts(rng, rng.int(0, 2), 10_000, 150_000, 10, 360);
      p.open = dealAmounts(rng, rng.int(0, 1), 10_000, 200_000, 10, 120);
      p.calls = days(rng, rng.int(1, 6), 1, 85);
      p.events = days(rng, rng.int(0, 1), 2, 85);
      p.tasks = days(rng, rng.int(0, 2), 1, 85);
      p.cases = days(rng, rng.int(0, 1), 1, 300);
      break;
  }
  // Some older history for everyone with wins, well outside the 90-day window.
  if (archetype !== 'new' && archetype !== 'prospect') p.calls.push(...days(rng, rng.int(0, 4), 100, Math.max(100, p.createdDaysAgo - 1)));
  p.upcoming = rng.chance(0.4) && archetype !== 'churned' && archetype !== 'dormant' ? days(rng, rng.int(1, 2), 1, 30) : [];
  // Nothing happens before the account exists.
  const before = (d: number) => d < p.createdDaysAgo;
  p.won = p.won.filter(([d]) => before(d));
  p.lost = p.lost.filter(([d]) => before(d));
  p.calls = p.calls.filter(before);
  p.events = p.events.filter(before);
  p.tasks = p.tasks.filter(before);
  p.cases = p.cases.filter(before);
  return p;
}

// ---------------------------------------------------------------- building records

interface Counters {
  deal: bigint;
  call: bigint;
  event: bigint;
  task: bigint;
  case: bigint;
  caseNumber: number;
}

interface Builder {
  rng: Rng;
  anchor: number;
  counters: Counters;
  names: Set<string>;
  modules: Record<string, ZohoRecord[]>;
}

const next = (c: Counters, key: 'deal' | 'call' | 'event' | 'task' | 'case'): string => {
  const id = c[key];
  c[key] += 1n;
  return id.toString();
};

function uniqueName(b: Builder, make: () => string, branch: (n: number) => string): string {
  for (let i = 0; i < 20; i++) {
    const name = make();
    if (!b.names.has(name)) {
      b.names.add(name);
      return name;
    }
  }
  const base = make();
  for (let n = 2; ; n++) {
    const name = `${base}${branch(n)}`;
    if (!b.names.has(name)) {
      b.names.add(name);
      return name;
    }
  }
}

/** A time `daysAgo` days before the anchor, at a working hour in China (01:00-10:00 UTC). */
function at(b: Builder, daysAgo: number): number {
  return b.anchor - daysAgo * DAY_MS + b.rng.int(1, 10) * HOUR_MS + b.rng.int(0, 59) * 60_000;
}

function buildAccount(b: Builder, id: string, p: Plan, name?: string): void {
  const { rng } = b;
  const words = rng.pick(INDUSTRY_WORDS);
  const place = rng.pick(p.chinese ? CN_PLACES : EN_PLACES);
  const accountName =
    name ??
    (p.chinese
      ? uniqueName(
          b,
          () => chineseCompanyName(rng, place.city.replace('市', ''), words.zh),
          (n) => `（第${n}分公司）`,
        )
      : uniqueName(
          b,
          () => englishCompanyName(rng, words.en),
          (n) => ` (${place.city} ${n})`,
        ));
  const owner = rng.pick(SIM_USERS);
  const currency = p.chinese ? 'CNY' : 'USD';
  const created = b.anchor - p.createdDaysAgo * DAY_MS + rng.int(1, 9) * HOUR_MS;
  const ownerRef = { name: owner.name, id: owner.id, email: owner.email };
  const accountRef = { name: accountName, id };
  const activityTimes: number[] = [];

  let firstWon = true;
  const deals: ZohoRecord[] = [];
  const addDeal = (stage: string, closeMs: number, amount: number) => {
    const probability =
      stage === 'Closed Won' ? 100 : stage.startsWith('Closed') ? 0 : 10 + 15 * OPEN_STAGES.indexOf(stage as (typeof OPEN_STAGES)[number]);
    // Open deals close in the future but were created in the past, like everything else.
    const createdMs = Math.max(created, Math.min(b.anchor - rng.int(2, 240) * HOUR_MS, closeMs - rng.int(10, 90) * DAY_MS));
    const deal: ZohoRecord = {
      id: next(b.counters, 'deal'),
      Owner: ownerRef,
      Deal_Name: `${accountName} - ${rng.pick(words.products)}`,
      Account_Name: accountRef,
      Amount: amount,
      Stage: stage,
      Probability: probability,
      Expected_Revenue: Math.round((amount * probability) / 100),
      Closing_Date: zohoDate(closeMs),
      Pipeline: 'Standard (Standard)',
      Type: stage === 'Closed Won' && firstWon ? 'New Business' : 'Existing Business',
      Lead_Source: rng.pick(['Advertisement', 'Cold Call', 'Employee Referral', 'Partner', 'Web Download']),
      Next_Step: null,
      Reason_For_Loss__s:
        stage === 'Closed Lost'
          ? rng.pick(['Price', 'No Budget', 'Other'])
          : stage === 'Closed-Lost to Competition'
            ? 'Lost to Competitor'
            : null,
      Currency: currency,
      Description: null,
      Created_Time: zohoDateTime(createdMs),
      Modified_Time: zohoDateTime(Math.max(createdMs, Math.min(b.anchor - HOUR_MS, closeMs + HOUR_MS))),
      Created_By: ownerRef,
      Modified_By: ownerRef,
      Tag: [],
      Locked__s: false,
      Record_Status__s: 'Available',
    };
    if (stage === 'Closed Won') firstWon = false;
    deals.push(deal);
  };
  const byAge = (list: [number, number][]) => [...list].sort((x, y) => y[0] - x[0]);
  for (const [d, amount] of byAge(p.won)) addDeal('Closed Won', at(b, d), amount);
  for (const [d, amount] of p.lost) addDeal(rng.chance(0.6) ? 'Closed Lost' : 'Closed-Lost to Competition', at(b, d), amount);
  for (const [d, amount] of p.open) addDeal(rng.pick(OPEN_STAGES), b.anchor + d * DAY_MS, amount);
  b.modules.Deals?.push(...deals);

  const whatId = { name: accountName, id };
  const activityBase = (createdMs: number) => ({
    Owner: ownerRef,
    What_Id: whatId,
    $se_module: 'Accounts',
    Who_Id: null,
    Description: null,
    Created_Time: zohoDateTime(createdMs),
    Modified_Time: zohoDateTime(Math.min(b.anchor, createdMs + HOUR_MS)),
    Created_By: ownerRef,
    Modified_By: ownerRef,
    Tag: [],
    Locked__s: false,
    Record_Status__s: 'Available',
  });
  for (const d of p.calls) {
    const start = at(b, d);
    activityTimes.push(start);
    const seconds = rng.int(60, 1800);
    const type = rng.chance(0.7) ? 'Outbound' : rng.chance(0.85) ? 'Inbound' : 'Missed';
    b.modules.Calls?.push({
      id: next(b.counters, 'call'),
      ...activityBase(start - HOUR_MS),
      Subject: rng.pick(CALL_SUBJECTS),
      Call_Type: type,
      Call_Start_Time: zohoDateTime(start),
      Call_Duration: `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`,
      Call_Duration_in_seconds: seconds,
      Call_Purpose: rng.pick(['Prospecting', 'Administrative', 'Negotiation', 'Demo', 'Project']),
      Call_Result: rng.pick(['Interested', 'Not interested', 'No response/Busy', 'Requested more info']),
      Outgoing_Call_Status: type === 'Outbound' ? 'Completed' : null,
    });
  }
  for (const d of p.events) {
    const start = at(b, d);
    activityTimes.push(start);
    b.modules.Events?.push({
      id: next(b.counters, 'event'),
      ...activityBase(start - 3 * DAY_MS),
      Event_Title: rng.pick(EVENT_TITLES),
      Start_DateTime: zohoDateTime(start),
      End_DateTime: zohoDateTime(start + HOUR_MS),
      All_day: false,
      Venue: place.city,
      Participants: [],
    });
  }
  for (const d of p.tasks) {
    const closed = at(b, d);
    activityTimes.push(closed);
    b.modules.Tasks?.push({
      id: next(b.counters, 'task'),
      ...activityBase(closed - 2 * DAY_MS),
      Subject: rng.pick(TASK_SUBJECTS),
      Status: 'Completed',
      Priority: rng.pick(['High', 'Low', 'Normal']),
      Due_Date: zohoDate(closed),
      Closed_Time: zohoDateTime(closed),
    });
  }
  // Open activities: a scheduled call or an upcoming visit or an open task.
  for (const d of p.upcoming) {
    const when = b.anchor + d * DAY_MS + rng.int(1, 9) * HOUR_MS;
    const kind = rng.int(0, 2);
    if (kind === 0) {
      b.modules.Calls?.push({
        id: next(b.counters, 'call'),
        ...activityBase(b.anchor - DAY_MS),
        Subject: rng.pick(CALL_SUBJECTS),
        Call_Type: 'Outbound',
        Call_Start_Time: zohoDateTime(when),
        Call_Duration: null,
        Call_Duration_in_seconds: null,
        Call_Purpose: 'Prospecting',
        Call_Result: null,
        Outgoing_Call_Status: 'Scheduled',
      });
    } else if (kind === 1) {
      b.modules.Events?.push({
        id: next(b.counters, 'event'),
        ...activityBase(b.anchor - DAY_MS),
        Event_Title: rng.pick(EVENT_TITLES),
        Start_DateTime: zohoDateTime(when),
        End_DateTime: zohoDateTime(when + HOUR_MS),
        All_day: false,
        Venue: place.city,
        Participants: [],
      });
    } else {
      b.modules.Tasks?.push({
        id: next(b.counters, 'task'),
        ...activityBase(b.anchor - DAY_MS),
        Subject: rng.pick(TASK_SUBJECTS),
        Status: rng.pick(['Not Started', 'In Progress', 'Waiting for input']),
        Priority: 'Normal',
        Due_Date: zohoDate(when),
        Closed_Time: null,
      });
    }
  }
  for (const d of p.cases) {
    const opened = at(b, d);
    activityTimes.push(opened);
    b.counters.caseNumber += 1;
    b.modules.Cases?.push({
      id: next(b.counters, 'case'),
      Owner: ownerRef,
      Case_Number: String(b.counters.caseNumber),
      Subject: rng.pick(CASE_SUBJECTS),
      Status: d > 20 ? 'Closed' : rng.pick(['New', 'On Hold', 'Escalated', 'Closed']),
      Priority: rng.pick(['High', 'Medium', 'Low']),
      Case_Origin: rng.pick(['Email', 'Phone', 'Web']),
      Case_Reason: rng.pick(['Complex functionality', 'Existing problem', 'New problem']),
      Type: rng.pick(['Problem', 'Feature Request', 'Question']),
      Account_Name: accountRef,
      Deal_Name: null,
      No_of_comments: rng.int(0, 6),
      Description: null,
      Created_Time: zohoDateTime(opened),
      Modified_Time: zohoDateTime(Math.min(b.anchor, opened + DAY_MS)),
      Created_By: ownerRef,
      Modified_By: ownerRef,
      Tag: [],
      Locked__s: false,
      Record_Status__s: 'Available',
    });
  }

  const lastActivity = activityTimes.length ? Math.max(...activityTimes) : null;
  const csatDate = p.csat === null ? null : zohoDate(b.anchor - rng.int(5, Math.max(5, Math.min(300, p.createdDaysAgo - 1))) * DAY_MS);
  const npsDate = p.nps === null ? null : zohoDate(b.anchor - rng.int(5, Math.max(5, Math.min(300, p.createdDaysAgo - 1))) * DAY_MS);
  const modified = Math.min(b.anchor - HOUR_MS, Math.max(created, lastActivity ?? created) + HOUR_MS);
  b.modules.Accounts?.push({
    id,
    Owner: ownerRef,
    Account_Name: accountName,
    Account_Number: rng.chance(0.5) ? String(rng.int(10_000_000, 99_999_999)) : null,
    Account_Site: null,
    Account_Type:
      p.archetype === 'prospect' ? 'Prospect' : rng.chance(0.85) ? 'Customer' : rng.pick(['Partner', 'Reseller', 'Distributor']),
    Industry: words.industry,
    Annual_Revenue: p.revenue,
    Employees: p.employees,
    Rating: rng.pick(['Acquired', 'Active', null]),
    Ownership: rng.pick(['Private', 'Public', 'Subsidiary', null]),
    Phone: p.chinese
      ? `+86 ${rng.int(130, 199)} ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`
      : `+1-555-${rng.int(100, 999)}-${rng.int(1000, 9999)}`,
    Website: null,
    Parent_Account: null,
    Billing_Street: p.chinese
      ? `${rng.pick(['人民路', '中山路', '建设大道', '科技园路'])}${rng.int(1, 999)}号`
      : `${rng.int(1, 9999)} ${rng.pick(['Main St', 'Market St', 'High St', 'Park Ave'])}`,
    Billing_City: place.city,
    Billing_State: place.state,
    Billing_Code: place.code,
    Billing_Country: place.country,
    Description: null,
    Currency: currency,
    Exchange_Rate: currency === 'CNY' ? 1 : 7.12,
    Last_Activity_Time: lastActivity === null ? null : zohoDateTime(lastActivity),
    Customer_Satisfaction: p.csat,
    CSAT_Survey_Date: csatDate,
    NPS_Score: p.nps,
    NPS_Survey_Date: npsDate,
    Referrals_Count: p.referrals,
    Annual_Agreement: p.annualAgreement,
    Key_Account: p.keyAccount,
    Personality_Type: rng.chance(0.6) ? rng.pick(PERSONALITY_VALUES) : null,
    Overdue_Amount: rng.chance(0.15) ? rng.amount(1_000, 200_000, 100) : 0,
    Customer_Tier: null,
    Created_Time: zohoDateTime(created),
    Modified_Time: zohoDateTime(modified),
    Created_By: ownerRef,
    Modified_By: ownerRef,
    Tag: [],
    Locked__s: false,
    Record_Status__s: 'Available',
  });
}

const FEATURED_NAMES: Record<Archetype, string> = {
  strategic: '上海星河重工集团有限公司',
  vip: 'Zylker Corp',
  key: '深圳华信科技股份有限公司',
  loyal: 'Evergreen Logistics Ltd.',
  new: '杭州云帆教育科技有限公司',
  dormant: 'Redwood Realty LLC',
  churned: '成都恒通物流有限公司',
  low_value: 'Bluebird Retail Inc.',
  prospect: '北京启明咨询有限公司',
  standard: 'Harbor Health Pte. Ltd.',
};

function seedLeads(anchor: number): ZohoRecord[] {
  const owner = { name: API_USER.name, id: API_USER.id, email: API_USER.email };
  const lead = (n: number, values: Record<string, unknown>): ZohoRecord => {
    const created = anchor - (30 + n) * DAY_MS + 10 * HOUR_MS;
    return {
      id: (FIRST_LEAD_ID + BigInt(n)).toString(),
      Owner: owner,
      Email: null,
      Phone: null,
      Lead_Status: 'Not Contacted',
      Lead_Source: null,
      Industry: null,
      Annual_Revenue: null,
      State: null,
      ...values,
      Full_Name: `${values.First_Name ?? ''} ${values.Last_Name}`.trim(),
      Created_Time: zohoDateTime(created),
      Modified_Time: zohoDateTime(created + 4 * HOUR_MS),
      Created_By: owner,
      Modified_By: owner,
      Tag: [],
      Locked__s: false,
      Record_Status__s: 'Available',
    };
  };
  return [
    // OAS record/mds/examples/getRecords.md (200 Leads), minus its id and times.
    lead(0, { Company: 'Zylker Corp', First_Name: 'John', Last_Name: 'Doe', Email: 'john.doe@zylker.com', Phone: '+1-555-123-4567' }),
    // OAS coql/mds/examples/executeCOQLQuery.md (GetLeads / SuccessResponse).
    lead(1, { Company: 'Smith & Co', First_Name: 'John', Last_Name: 'Smith' }),
    // OAS coql/mds/examples/executeCOQLQuery.md (GetLeadsWithFieldMetadata).
    lead(2, { Company: 'Test Inc', First_Name: null, Last_Name: 'TestLead' }),
    // OAS record/mds/examples/updateRecords.md (request): the lead that example updates.
    lead(3, {
      Company: 'ABC',
      First_Name: 'Paul',
      Last_Name: 'Daly',
      Email: 'p.daly@zylker.com',
      State: 'Texas',
      Lead_Source: 'Employee Referral',
    }),
    lead(4, { Company: '远航物流有限公司', First_Name: '伟', Last_Name: '陈', Lead_Status: 'Contacted', Industry: 'Logistics' }),
  ];
}

const CONTACT_NAMES: readonly [string, string, string][] = [
  ['伟', '王', '采购经理'],
  ['静', '李', '财务总监'],
  ['Emily', 'Chen', 'Head of Operations'],
  ['James', 'Wilson', 'Procurement Lead'],
];

/** Two contacts on each featured account (the Contacts related list); none elsewhere. */
function seedContacts(accounts: readonly ZohoRecord[], anchor: number): ZohoRecord[] {
  const featured = new Set<string>(Object.values(ZOHO_SIM_FEATURED));
  const out: ZohoRecord[] = [];
  for (const a of accounts) {
    if (!featured.has(a.id)) continue;
    const chinese = /[\u4e00-\u9fff]/.test(String(a.Account_Name));
    const names = chinese ? CONTACT_NAMES.slice(0, 2) : CONTACT_NAMES.slice(2);
    for (const [first, last, title] of names) {
      const created = anchor - 200 * DAY_MS + out.length * HOUR_MS;
      out.push({
        id: (FIRST_CONTACT_ID + BigInt(out.length)).toString(),
        Owner: a.Owner,
        First_Name: first,
        Last_Name: last,
        Full_Name: chinese ? `${last}${first}` : `${first} ${last}`,
        Email: null,
        Phone: null,
        Title: title,
        Account_Name: { name: a.Account_Name, id: a.id },
        Created_Time: zohoDateTime(created),
        Modified_Time: zohoDateTime(created),
        Created_By: a.Owner,
        Modified_By: a.Owner,
        Tag: [],
        Locked__s: false,
        Record_Status__s: 'Available',
      });
    }
  }
  return out;
}

/** Build the whole org. Deterministic for a given (seed, accountCount); the anchor only shifts dates. */
export function seedOrg(opts: { seed: number; accounts: number; anchor: number }): SeededOrg {
  const modules: Record<string, ZohoRecord[]> = {
    Leads: [],
    Contacts: [],
    Accounts: [],
    Deals: [],
    Calls: [],
    Events: [],
    Tasks: [],
    Cases: [],
  };
  const archetypes = new Map<string, Archetype>();
  const counters: Counters = {
    deal: FIRST_DEAL_ID,
    call: FIRST_CALL_ID,
    event: FIRST_EVENT_ID,
    task: FIRST_TASK_ID,
    case: FIRST_CASE_ID,
    caseNumber: 1000,
  };
  const names = new Set<string>(Object.values(FEATURED_NAMES));

  // Featured accounts first, from their own stream so they do not depend on the account count.
  const featured: Builder = { rng: new Rng(opts.seed ^ 0x5eed_f00d), anchor: opts.anchor, counters, names, modules };
  for (const archetype of ARCHETYPES) {
    const chinese = /[\u4e00-\u9fff]/.test(FEATURED_NAMES[archetype]);
    const p = plan(featured.rng, archetype, chinese);
    if (archetype === 'vip') p.csat = 4.6;
    buildAccount(featured, ZOHO_SIM_FEATURED[archetype], p, FEATURED_NAMES[archetype]);
    archetypes.set(ZOHO_SIM_FEATURED[archetype], archetype);
  }
  const special = [
    [ZOHO_SIM_SPECIAL.hostile, '<img src=x onerror=alert(1)>'],
    [ZOHO_SIM_SPECIAL.locked, '苏州长青机械有限公司'],
    [ZOHO_SIM_SPECIAL.empty, 'Empty Account Ltd.'],
  ] as const;
  for (const [id, name] of special) {
    const p = plan(featured.rng, 'standard', /[\u4e00-\u9fff]/.test(name));
    if (id === ZOHO_SIM_SPECIAL.empty) {
      Object.assign(p, {
        won: [],
        lost: [],
        open: [],
        calls: [],
        events: [],
        tasks: [],
        cases: [],
        upcoming: [],
        csat: null,
        nps: null,
        employees: null,
        revenue: null,
      });
    }
    buildAccount(featured, id, p, name);
    archetypes.set(id, 'standard');
    const account = modules.Accounts?.at(-1);
    if (account && id === ZOHO_SIM_SPECIAL.locked) account.Locked__s = true;
    if (account && id === ZOHO_SIM_SPECIAL.empty) {
      for (const k of Object.keys(account)) {
        if (
          ![
            'id',
            'Owner',
            'Account_Name',
            'Created_Time',
            'Modified_Time',
            'Created_By',
            'Modified_By',
            'Tag',
            'Locked__s',
            'Record_Status__s',
          ].includes(k)
        ) {
          account[k] = typeof account[k] === 'boolean' ? false : null;
        }
      }
    }
  }

  // The generated population.
  const rng = new Rng(opts.seed);
  const b: Builder = { rng, anchor: opts.anchor, counters, names, modules };
  const generated = Math.max(0, opts.accounts - ARCHETYPES.length - special.length);
  let nextAccount = FIRST_ACCOUNT_ID;
  for (let i = 0; i < generated; i++) {
    let r = rng.float();
    let archetype: Archetype = 'standard';
    for (const [a, share] of ARCHETYPE_MIX) {
      if (r < share) {
        archetype = a;
        break;
      }
      r -= share;
    }
    const id = nextAccount.toString();
    nextAccount += 1n;
    buildAccount(b, id, plan(rng, archetype, rng.chance(0.6)), undefined);
    archetypes.set(id, archetype);
  }

  modules.Leads = seedLeads(opts.anchor);
  modules.Contacts = seedContacts(modules.Accounts ?? [], opts.anchor);
  return { modules, archetypes, anchor: opts.anchor };
}
