/**
 * The seeded tenant: a deterministic 纷享销客 enterprise with customers (AccountObj, Chinese
 * company names), sales orders (SalesOrderObj), opportunities (NewOpportunityObj), follow-up
 * records (ActiveRecordObj: more than 12,000, so a full scan pages past offset 10,000), and two
 * custom objects: customer surveys (object_survey__c, CSAT and NPS answers) and referrals
 * (object_referral__c). NPS also lives on the account (field_nps__c / field_nps_date__c), so both
 * ways a tenant might keep survey data are exercised.
 *
 * Everything is laid out in whole days before an anchor (`now`, default the start of the
 * current UTC day) and no random draw depends on the anchor: every anchor gives the same ids,
 * amounts and tiers. Accounts come from archetypes that reach every headline tier of TierLens's
 * default playbook (DOMAIN.md): strategic (annual agreement field), vip (>= 5,000,000 won in 365
 * days), key (customer level 重要客户), new, dormant, low value, loyal, churned (partly returned to
 * the account pool 公海), prospects and standard accounts. Figures that decide a tier keep at
 * least two days of margin from the 90/180/365/730-day thresholds. Amounts are CNY.
 */
import { Rng } from '../sim-kit/rng.ts';
import { ARCHETYPE_MIX, ARCHETYPES, type Archetype, chineseCompanyName } from '../sim-kit/seed.ts';
import type { FxRecord } from './store.ts';

export const DEFAULT_SEED = 0x0f5c_2026;
export const DEFAULT_ACCOUNT_COUNT = 2200;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const CHINA_OFFSET = 8 * HOUR;

export interface Employee {
  /** CRM employee id (new-style `x-fs-userid`, employee field values). */
  id: string;
  /** Open user id (old-style `currentOpenUserId`, values with convertUserId). */
  openUserId: string;
  name: string;
  /** The CRM administrator sees every record (S1 auth §9). */
  admin: boolean;
}

const EMPLOYEE_NAMES: readonly [string, string, boolean][] = [
  ['1000', 'CRM管理员', true],
  ['1001', '王芳', false],
  ['1002', '李强', false],
  ['1003', '张伟', false],
  ['1004', '刘洋', false],
  ['1005', '陈静', false],
];

export { ARCHETYPES, type Archetype };

/** One account per archetype with a fixed id (24 hex characters, like the gateway's ids). */
export const FXIAOKE_SIM_FEATURED = {
  strategic: '64f0000000000000000a0001',
  vip: '64f0000000000000000a0002',
  key: '64f0000000000000000a0003',
  loyal: '64f0000000000000000a0004',
  new: '64f0000000000000000a0005',
  dormant: '64f0000000000000000a0006',
  churned: '64f0000000000000000a0007',
  low_value: '64f0000000000000000a0008',
  prospect: '64f0000000000000000a0009',
  standard: '64f0000000000000000a000a',
} as const satisfies Record<Archetype, string>;

export const FXIAOKE_SIM_SPECIAL = {
  /** Named `<img src=x onerror=alert(1)>`: must render as text. */
  hostile: '64f0000000000000000b0001',
  /** In the account pool (公海): no owner, so only the administrator sees it. */
  pool: '64f0000000000000000b0002',
  /** Only a name: no orders, follow-ups, surveys or custom fields. */
  empty: '64f0000000000000000b0003',
  /** Owned by employee 1001 (王芳): visible to that non-admin operator. */
  ownedBy1001: '64f0000000000000000b0004',
  /** Owned by employee 1002 (李强): invisible to operator 1001. */
  ownedBy1002: '64f0000000000000000b0005',
} as const;

export const POOL_ID = '64f0000000000000000c0001';

export interface SeededTenant {
  employees: Employee[];
  objects: Record<string, FxRecord[]>;
  archetypes: Map<string, Archetype>;
  anchor: number;
}

interface Place {
  province: string;
  city: string;
  name: string;
}

const PLACES: readonly Place[] = [
  { province: '310000', city: '310100', name: '上海' },
  { province: '110000', city: '110100', name: '北京' },
  { province: '440000', city: '440300', name: '深圳' },
  { province: '440000', city: '440100', name: '广州' },
  { province: '330000', city: '330100', name: '杭州' },
  { province: '320000', city: '320500', name: '苏州' },
  { province: '320000', city: '320100', name: '南京' },
  { province: '510000', city: '510100', name: '成都' },
  { province: '420000', city: '420100', name: '武汉' },
  { province: '610000', city: '610100', name: '西安' },
  { province: '500000', city: '500100', name: '重庆' },
  { province: '350000', city: '350200', name: '厦门' },
  { province: '370000', city: '370200', name: '青岛' },
  { province: '430000', city: '430100', name: '长沙' },
];

/** Industry option value -> words for the company name. */
const INDUSTRY_WORDS: Record<string, readonly string[]> = {
  '1': ['信息技术', '软件', '网络科技'],
  '2': ['机械制造', '精密仪器', '新材料'],
  '3': ['商贸', '百货', '连锁超市'],
  '4': ['医疗器械', '生物科技', '健康管理'],
  '5': ['投资管理', '融资租赁', '保险代理'],
  '6': ['教育科技', '培训中心', '文化传播'],
  '7': ['物流', '供应链管理', '国际货运'],
  '8': ['置业', '物业服务', '建筑装饰'],
};

/** Personality texts a tenant's reps might type (names the TierLens catalogue recognises). */
export const PERSONALITIES = [
  '犹豫型',
  '冲动型',
  '豪爽干脆型',
  '理智型',
  '分析型',
  '条理型',
  '问题型',
  '沉默型',
  '唠叨型',
  '和气型',
  '感情型',
  '关系型',
  '固执型',
  '挑剔型',
  '精明型',
  '牢骚型',
] as const;

const CONTENT: Record<string, readonly string[]> = {
  '1': ['电话沟通续约意向', '电话回访使用情况', '电话确认报价细节'],
  '2': ['上门拜访采购负责人', '拜访客户总部', '现场调研需求'],
  '3': ['季度业务回顾会议', '方案评审会议', '线上演示会议'],
  '4': ['发送产品资料邮件', '邮件确认合同条款', '邮件跟进发票'],
  '5': ['微信沟通交付进度', '微信答复产品问题'],
  '6': ['行业展会交流', '客户答谢活动'],
};

/** Midnight China time of the day `daysAgo` before the anchor (date fields carry the day only). */
function chinaDate(anchor: number, daysAgo: number): number {
  const t = anchor - daysAgo * DAY;
  return Math.floor((t + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET;
}

export function seedTenant(opts: { seed: number; accounts: number; anchor: number }): SeededTenant {
  const { seed, anchor } = opts;
  const rng = new Rng(seed);
  const ids = new Rng(seed ^ 0x1d5);
  const employees: Employee[] = EMPLOYEE_NAMES.map(([id, name, admin]) => ({
    id,
    name,
    admin,
    openUserId: `FSUID_${ids.hex(32).toUpperCase()}`,
  }));
  const reps = employees.filter((e) => !e.admin).map((e) => e.id);
  const used = new Set<string>([...Object.values(FXIAOKE_SIM_FEATURED), ...Object.values(FXIAOKE_SIM_SPECIAL), POOL_ID]);
  const newId = () => {
    for (;;) {
      const id = `64${ids.hex(22)}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const names = new Set<string>();
  const objects: Record<string, FxRecord[]> = {
    AccountObj: [],
    SalesOrderObj: [],
    NewOpportunityObj: [],
    ActiveRecordObj: [],
    HighSeasObj: [],
    ContactObj: [],
    object_survey__c: [],
    object_referral__c: [],
  };
  const archetypes = new Map<string, Archetype>();
  const admin = '1000';
  const at = (daysAgo: number, hour = 10) => anchor - daysAgo * DAY + (hour - 8) * HOUR;
  let orderSeq = 0;

  objects.HighSeasObj?.push({
    _id: POOL_ID,
    name: '华东公海',
    object_describe_api_name: 'HighSeasObj',
    created_by: [admin],
    last_modified_by: [admin],
    create_time: at(1500),
    last_modified_time: at(1500),
    life_status: 'normal',
    lock_status: '0',
    is_deleted: false,
    record_type: 'default__c',
    version: 1,
  });

  const base = (object: string, id: string, createdDaysAgo: number, owner: string | null, hour = 10): FxRecord => ({
    _id: id,
    object_describe_api_name: object,
    ...(owner ? { owner: [owner], owner_department: '销售部' } : {}),
    created_by: [owner ?? admin],
    last_modified_by: [owner ?? admin],
    create_time: Math.min(anchor - 2 * HOUR, at(createdDaysAgo, hour)),
    // Modified a day after creation, and never after the anchor.
    last_modified_time: Math.min(anchor - HOUR, at(Math.max(0, createdDaysAgo - 1), hour)),
    life_status: 'normal',
    lock_status: '0',
    is_deleted: false,
    record_type: 'default__c',
    version: 1,
  });

  const companyName = (r: Rng): { name: string; industry: string; place: Place } => {
    for (;;) {
      const place = r.pick(PLACES);
      const industry = String(r.int(1, 8));
      const words = INDUSTRY_WORDS[industry] as readonly string[];
      const name = chineseCompanyName(r, place.name, words);
      if (!names.has(name)) {
        names.add(name);
        return { name, industry, place };
      }
    }
  };

  /** Everything one account owns. `r` is the account's own stream, so accounts do not shift each other. */
  const makeAccount = (
    id: string,
    archetype: Archetype,
    r: Rng,
    over: { name?: string; owner?: string; pool?: boolean; empty?: boolean } = {},
  ) => {
    const picked = companyName(r);
    const name = over.name ?? picked.name;
    if (over.name) names.add(over.name);
    const pool = over.pool ?? (archetype === 'churned' ? r.chance(0.3) : archetype === 'prospect' ? r.chance(0.15) : false);
    const owner = pool ? null : (over.owner ?? (r.chance(0.08) ? admin : r.pick(reps)));
    archetypes.set(id, archetype);

    // ---- orders (days before the anchor) and their amounts
    const orders: { daysAgo: number; amount: number }[] = [];
    const add = (n: number, lo: number, hi: number, amountLo: number, amountHi: number, step = 100) => {
      for (let i = 0; i < n; i++) orders.push({ daysAgo: r.int(lo, hi), amount: r.amount(amountLo, amountHi, step) });
    };
    let recent = 0;
    let older = 0;
    switch (archetype) {
      case 'strategic':
        add(r.int(4, 9), 5, 360, 100_000, 800_000);
        add(r.int(3, 6), 400, 1400, 100_000, 600_000);
        recent = r.int(12, 20);
        older = r.int(6, 12);
        break;
      case 'vip': {
        let total = 0;
        while (total < 5_300_000) {
          const amount = r.amount(800_000, 1_600_000, 1000);
          orders.push({ daysAgo: r.int(5, 360), amount });
          total += amount;
        }
        add(r.int(2, 5), 400, 1400, 200_000, 900_000);
        recent = r.int(12, 20);
        older = r.int(6, 12);
        break;
      }
      case 'key':
        add(r.int(2, 6), 5, 360, 50_000, 600_000);
        add(r.int(1, 4), 400, 1200, 50_000, 400_000);
        recent = r.int(8, 18);
        older = r.int(5, 10);
        break;
      case 'loyal':
        add(1, 760, 1200, 20_000, 150_000);
        add(r.int(4, 8), 5, 360, 10_000, 150_000);
        add(r.int(1, 3), 370, 750, 10_000, 150_000);
        recent = r.int(3, 9);
        older = r.int(6, 12);
        break;
      case 'new':
        add(r.int(1, 2), 3, 80, 20_000, 300_000);
        recent = r.int(3, 8);
        older = r.int(0, 2);
        break;
      case 'dormant':
        add(1, 200, 350, 10_000, 300_000);
        recent = r.int(0, 2);
        older = r.int(3, 6);
        break;
      case 'churned':
        add(r.int(2, 4), 400, 1200, 10_000, 300_000);
        recent = r.int(0, 1);
        older = r.int(3, 8);
        break;
      case 'low_value':
        add(1, 100, 150, 1_000, 3_000, 10);
        add(r.int(1, 2), 100, 330, 1_000, 3_000, 10);
        recent = r.int(11, 16);
        older = r.int(4, 8);
        break;
      case 'prospect':
        recent = r.int(0, 3);
        older = r.int(0, 3);
        break;
      case 'standard':
        add(1, 125, 170, 10_000, 400_000);
        add(r.int(1, 4), 125, 700, 10_000, 400_000);
        recent = r.int(1, 8);
        older = r.int(2, 5);
        break;
    }
    if (over.empty) {
      orders.length = 0;
      recent = 0;
      older = 0;
    }
    const oldest = Math.max(0, ...orders.map((o) => o.daysAgo));
    const createdDaysAgo = oldest + r.int(10, 200) + (archetype === 'prospect' ? r.int(0, 700) : 0);
    const lastOrder = orders.length ? Math.min(...orders.map((o) => o.daysAgo)) : undefined;

    // ---- the account record
    const level = archetype === 'strategic' || archetype === 'vip' || archetype === 'key' ? '1' : r.chance(0.6) ? '2' : '3';
    const account: FxRecord = {
      ...base('AccountObj', id, createdDaysAgo, owner),
      name,
      account_level: level,
      account_type: archetype === 'strategic' || archetype === 'vip' ? '3' : r.chance(0.5) ? '2' : '1',
      account_source: String(r.int(1, 4)),
      industry: picked.industry,
      deal_status: orders.length === 0 ? '1' : orders.length === 1 ? '2' : '3',
      country: '248',
      province: picked.place.province,
      city: picked.place.city,
      address: `${picked.place.name}市${r.pick(['高新区', '经开区', '中心区', '新区'])}${r.int(1, 999)}号`,
      tel: `0${r.int(10, 99)}-${r.int(10_000_000, 99_999_999)}`,
      uniform_social_credit_code: `91${r.int(100_000, 999_999)}${ids.hex(10).toUpperCase()}`,
    };
    if (lastOrder !== undefined) account.last_deal_closed_time = at(lastOrder, 15);
    if (pool) {
      account.high_seas_id = POOL_ID;
      account.returned_time = at(r.int(30, 200));
    } else if (r.chance(0.2)) account.claimed_time = at(Math.min(createdDaysAgo, r.int(200, 900)));
    if (!over.empty) {
      if (archetype === 'strategic') account.field_annual_agreement__c = true;
      else if (r.chance(0.3)) account.field_annual_agreement__c = false;
      if (r.chance(0.6)) {
        const big = archetype === 'strategic' || archetype === 'vip' || r.chance(0.08);
        account.field_staff_count__c = big ? r.int(1000, 20_000) : r.chance(0.4) ? r.int(100, 999) : r.int(5, 99);
      }
      if (r.chance(0.4)) account.field_annual_revenue__c = r.amount(1_000_000, 500_000_000, 10_000);
      if (r.chance(0.4)) account.field_personality__c = r.pick(PERSONALITIES);
      if (r.chance(0.1) && orders.length) account.field_overdue_amount__c = r.amount(1_000, 200_000);
    }

    // ---- sales orders (won when life_status is normal; a few recent ones still under review)
    orders.sort((a, b) => b.daysAgo - a.daysAgo);
    for (const o of orders) {
      orderSeq += 1;
      const orderId = newId();
      const paid = r.chance(0.8) ? o.amount : Math.round(o.amount * r.float() * 100) / 100;
      objects.SalesOrderObj?.push({
        ...base('SalesOrderObj', orderId, o.daysAgo, owner ?? admin, 14),
        name: `SO${String(orderSeq).padStart(6, '0')}`,
        account_id: id,
        order_time: chinaDate(anchor, o.daysAgo),
        order_amount: o.amount,
        product_amount: o.amount,
        payment_amount: paid,
        receivable_amount: Math.round((o.amount - paid) * 100) / 100,
      });
      if (r.chance(0.3)) {
        objects.NewOpportunityObj?.push({
          ...base('NewOpportunityObj', newId(), o.daysAgo + r.int(20, 90), owner ?? admin),
          name: `${name.slice(0, 6)}采购项目`,
          account_id: id,
          amount: o.amount,
          sales_stage: '5',
          sales_status: '2',
          probability: 100,
          close_date: chinaDate(anchor, o.daysAgo),
        });
      }
    }
    if (!over.empty && archetype !== 'churned' && archetype !== 'dormant' && r.chance(0.04)) {
      objects.SalesOrderObj?.push({
        ...base('SalesOrderObj', newId(), r.int(1, 10), owner ?? admin, 14),
        name: `SO${String(++orderSeq).padStart(6, '0')}`,
        account_id: id,
        order_time: chinaDate(anchor, r.int(1, 10)),
        order_amount: r.amount(10_000, 200_000),
        life_status: 'under_review',
      });
    }

    // ---- opportunities: open pipeline, lost and invalid ones
    const openChance = archetype === 'prospect' ? 0.5 : archetype === 'churned' || archetype === 'dormant' ? 0.05 : 0.25;
    if (!over.empty && r.chance(openChance)) {
      for (let i = r.int(1, 2); i > 0; i--) {
        const stage = String(r.int(1, 4));
        objects.NewOpportunityObj?.push({
          ...base('NewOpportunityObj', newId(), r.int(5, 120), owner ?? admin),
          name: `${name.slice(0, 6)}${r.pick(['扩容', '新项目', '二期', '续约'])}商机`,
          account_id: id,
          amount: r.amount(50_000, archetype === 'prospect' ? 800_000 : 3_000_000, 1000),
          sales_stage: stage,
          sales_status: '1',
          probability: Number(stage) * 20,
          close_date: chinaDate(anchor, -r.int(10, 120)),
        });
      }
    }
    if (!over.empty && r.chance(0.15)) {
      const d = r.int(10, 340);
      objects.NewOpportunityObj?.push({
        ...base('NewOpportunityObj', newId(), d + 40, owner ?? admin),
        name: `${name.slice(0, 6)}竞标商机`,
        account_id: id,
        amount: r.amount(20_000, 500_000, 1000),
        sales_stage: String(r.int(1, 4)),
        sales_status: r.chance(0.8) ? '3' : '4',
        probability: 0,
        close_date: chinaDate(anchor, d),
      });
    }

    // ---- follow-up records (销售记录): recent ones (within 88 days) and older ones
    const follow = (daysAgo: number) => {
      const type = r.pick(['1', '1', '1', '2', '2', '3', '4', '5', '6'] as const);
      objects.ActiveRecordObj?.push({
        ...base('ActiveRecordObj', newId(), daysAgo, owner ?? r.pick(reps), r.int(9, 18)),
        account_id: id,
        interactive_types: type,
        interactive_scenario: r.pick(['售前', '售中', '售后']),
        active_record_content: r.pick(CONTENT[type] as readonly string[]),
      });
    };
    let lastFollowed: number | undefined;
    for (let i = 0; i < recent; i++) {
      const d = r.int(1, 88);
      lastFollowed = Math.min(lastFollowed ?? d, d);
      follow(d);
    }
    for (let i = 0; i < older; i++) {
      const d = r.int(92, Math.max(92, Math.min(700, createdDaysAgo - 1)));
      lastFollowed = Math.min(lastFollowed ?? d, d);
      follow(d);
    }
    if (lastFollowed !== undefined) account.last_followed_time = at(lastFollowed, 18);

    // ---- surveys (custom object) and NPS (account fields), referrals (custom object)
    if (!over.empty && archetype !== 'prospect') {
      const csatMean: Record<Archetype, [number, number]> = {
        strategic: [4, 5],
        vip: [4, 5],
        key: [3, 5],
        loyal: [4, 5],
        new: [3, 5],
        dormant: [2, 4],
        churned: [1, 3],
        low_value: [2, 4],
        prospect: [3, 4],
        standard: [1, 5],
      };
      if (r.chance(0.6)) {
        const [lo, hi] = csatMean[archetype];
        for (let i = r.int(1, 4); i > 0; i--) {
          const d = r.int(5, 480);
          objects.object_survey__c?.push({
            ...base('object_survey__c', newId(), d, owner ?? admin),
            name: `CS-${ids.hex(6).toUpperCase()}`,
            field_account__c: id,
            field_survey_type__c: 'csat',
            field_score__c: r.int(lo, hi),
            field_survey_date__c: chinaDate(anchor, d),
          });
        }
      }
      if (r.chance(0.5)) {
        const promoter = archetype === 'strategic' || archetype === 'vip' || archetype === 'loyal';
        const nps = promoter ? r.int(7, 10) : archetype === 'churned' ? r.int(0, 6) : r.int(0, 10);
        const d = r.int(10, 300);
        account.field_nps__c = nps;
        account.field_nps_date__c = chinaDate(anchor, d);
        objects.object_survey__c?.push({
          ...base('object_survey__c', newId(), d, owner ?? admin),
          name: `NPS-${ids.hex(6).toUpperCase()}`,
          field_account__c: id,
          field_survey_type__c: 'nps',
          field_score__c: nps,
          field_survey_date__c: chinaDate(anchor, d),
        });
        if (nps >= 9 && r.chance(0.5)) {
          for (let i = r.int(1, 2); i > 0; i--) {
            const rd = r.int(5, 340);
            objects.object_referral__c?.push({
              ...base('object_referral__c', newId(), rd, owner ?? admin),
              name: `REF-${ids.hex(6).toUpperCase()}`,
              field_referrer__c: id,
              field_referred_name__c: companyName(r).name,
              field_referral_date__c: chinaDate(anchor, rd),
            });
          }
        }
      }
    }
    if (!over.empty && r.chance(0.5)) {
      objects.ContactObj?.push({
        ...base('ContactObj', newId(), createdDaysAgo, owner ?? admin),
        name: r.pick(['赵', '钱', '孙', '李', '周', '吴', '郑', '王']) + r.pick(['总', '经理', '主任']),
        account_id: id,
        job_title: r.pick(['采购经理', '总经理', 'IT主管', '财务总监']),
        mobile: `1${r.int(30, 89)}${r.int(10_000_000, 99_999_999)}`,
      });
    }
    objects.AccountObj?.push(account);
  };

  let n = 0;
  const streamFor = () => new Rng((seed ^ Math.imul(n + 1, 0x9e37_79b1)) >>> 0);
  for (const archetype of ARCHETYPES) {
    makeAccount(FXIAOKE_SIM_FEATURED[archetype], archetype, streamFor(), archetype === 'churned' ? { pool: false } : {});
    n++;
  }
  makeAccount(FXIAOKE_SIM_SPECIAL.hostile, 'standard', streamFor(), { name: '<img src=x onerror=alert(1)>' });
  n++;
  makeAccount(FXIAOKE_SIM_SPECIAL.pool, 'churned', streamFor(), { pool: true });
  n++;
  makeAccount(FXIAOKE_SIM_SPECIAL.empty, 'prospect', streamFor(), { empty: true, pool: false, name: '空白测试客户有限公司' });
  n++;
  makeAccount(FXIAOKE_SIM_SPECIAL.ownedBy1001, 'standard', streamFor(), { owner: '1001' });
  n++;
  makeAccount(FXIAOKE_SIM_SPECIAL.ownedBy1002, 'standard', streamFor(), { owner: '1002' });
  n++;
  while (n < opts.accounts) {
    const x = rng.float();
    let acc = 0;
    let archetype: Archetype = 'standard';
    for (const [a, share] of ARCHETYPE_MIX) {
      acc += share;
      if (x < acc) {
        archetype = a;
        break;
      }
    }
    makeAccount(newId(), archetype, streamFor());
    n++;
  }
  return { employees, objects, archetypes, anchor };
}
