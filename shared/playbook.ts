/**
 * The default playbook: the rule set TierLens ships before an admin edits anything. It
 * implements the table in DOMAIN.md ("The default playbook") row by row, in its order; the
 * frameworks come from the seed articles, the labels and tips are written fresh.
 *
 * Conventions that hold for every dimension:
 * - tiers are tried in order and the last one is `when: true`;
 * - `next` names the better tier a rep should aim for (the engine explains what is missing);
 *   null on top tiers, on "unknown" tiers, and where the seeds give no way up (size: a rep
 *   cannot grow a customer's headcount; low value: the seed's advice is to phase it out);
 * - cadences only where the seeds give one (the customer levels in seed 003, i.e. the
 *   headline); the other dimensions have none;
 * - every colour carries either white or #111111 text at WCAG contrast >= 4.5.
 */
import { PERSONALITY_TYPES } from './personality.ts';
import type { Condition, Dimension, RuleSet } from './schema.ts';

// ---------------------------------------------------------------- shared conditions

const WON_365 = 'won_amount_365d';

/**
 * Guard for percentile tiers: most accounts of a tenant often bought nothing this year, so
 * the percentile cut points sit at 0 and "won >= p80" would hold for every non-buyer.
 */
const boughtThisYear: Condition = { metric: WON_365, op: '>', value: 0 };

/** value = high. */
const valueHigh: Condition[] = [boughtThisYear, { metric: WON_365, op: '>=', value: { percentile: 80, fallback: 1_000_000 } }];
/** engagement = frequent. */
const engagementFrequent: Condition = { metric: 'interactions_90d', op: '>=', value: 12 };

/** demand = high also holds when the open pipeline is above zero and covers the year's wins. */
const pipelineCoversWon: Condition = {
  all: [
    { metric: 'open_pipeline', op: '>', value: 0 },
    { metric: 'open_pipeline', op: '>=', value: { metric: WON_365 } },
  ],
};

// ---------------------------------------------------------------- dimensions

const relationship: Dimension = {
  id: 'relationship',
  label: { zh: '客户等级', en: 'Customer level' },
  description: {
    zh: '按合作深度和年度金额划分的客户等级，决定拜访频率。',
    en: 'The account’s level by depth of partnership and yearly spend; sets how often to visit.',
  },
  tiers: [
    {
      id: 'strategic',
      label: { zh: '战略客户', en: 'Strategic' },
      tips: {
        zh: [
          '每两周上门一次，当面复盘年度协议的执行进度和交付问题。',
          '客户内部跨部门卡住的事，由你牵头协调，给出明确的负责人和完成日期。',
          '续约前一个季度就开始准备下一年的合作方案，别等到期再谈。',
        ],
        en: [
          'Visit every two weeks and review progress against the annual agreement, including any delivery issues.',
          'When something is stuck between their departments, own the coordination and come back with a named owner and a date.',
          'Start shaping next year’s agreement a full quarter before renewal instead of waiting for it to expire.',
        ],
      },
      color: '#5b21b6',
      icon: '🏛️',
      cadence: 'P14D',
      next: null,
      when: { metric: 'flag.annualAgreement', op: '==', value: true },
    },
    {
      id: 'vip',
      label: { zh: 'VIP客户', en: 'VIP' },
      tips: {
        zh: [
          '每周安排一次拜访或会面，带着本周要推进的具体事项去。',
          '梳理对方的子公司、上下游和合作伙伴，列出可以请其引荐的新线索。',
          '对方的需求当天回复，问题优先排期处理。',
        ],
        en: [
          'Meet every week, and go in with a short list of what you want to move forward that week.',
          'Map their subsidiaries, suppliers and partners, and list the new leads you could ask them to introduce.',
          'Answer their requests the same day and put their issues at the front of the queue.',
        ],
      },
      color: '#f2c14e',
      icon: '💎',
      cadence: 'P7D',
      next: 'strategic',
      when: { metric: WON_365, op: '>=', value: 5_000_000 },
    },
    {
      id: 'key',
      label: { zh: '重点客户', en: 'Key account' },
      tips: {
        zh: [
          '画出采购决策链：谁评估、谁拍板、谁使用，逐一确认你是否都见过。',
          '每两周拜访一次，每次至少和一位关键人深入交流。',
          '提前摸清下一轮招标或采购的时间，倒排准备材料。',
        ],
        en: [
          'Draw the buying committee (who evaluates, who signs off, who uses the product) and check that you have met each of them.',
          'Visit every two weeks and get real time with at least one decision-maker on each visit.',
          'Find out when the next tender or purchasing round opens and work back from that date.',
        ],
      },
      color: '#1d4ed8',
      icon: '🔑',
      cadence: 'P14D',
      next: 'vip',
      // DOMAIN: key-account flag, or value = high and engagement = frequent. It refers to those
      // dimensions (the engine evaluates them first), so editing their thresholds moves key too.
      when: {
        any: [
          {
            all: [
              { metric: 'dim.value', op: '==', value: 'high' },
              { metric: 'dim.engagement', op: '==', value: 'frequent' },
            ],
          },
          { metric: 'flag.keyAccount', op: '==', value: true },
        ],
      },
    },
    {
      id: 'new',
      label: { zh: '新客户', en: 'New' },
      tips: {
        zh: [
          '首单交付后一周内回访，确认上线和使用是否顺利。',
          '每两周跟进一次，找出还有哪些部门或场景能用上你的产品。',
          '给对接人一张清楚的支持联系表，出了问题知道找谁。',
        ],
        en: [
          'Call within a week of the first delivery to check that roll-out and first use went smoothly.',
          'Follow up every two weeks to find other teams or use cases that could buy.',
          'Give your contact a clear support sheet so they know whom to call when something goes wrong.',
        ],
      },
      color: '#15803d',
      icon: '🌱',
      cadence: 'P14D',
      next: 'key',
      when: { metric: 'days_since_first_won', op: '<=', value: 90 },
    },
    {
      id: 'dormant',
      label: { zh: '休眠客户', en: 'Dormant' },
      tips: {
        zh: [
          '直接问清首单之后没再合作的原因：价格、质量、服务，还是需求变了。',
          '换一种联系方式或换一位对接人，别重复之前没奏效的做法。',
          '针对对方说出的原因给出具体的改进，邀请其先下一笔小单试试。',
        ],
        en: [
          'Ask plainly why there was no second order: price, quality, service, or a change in their needs.',
          'Change the approach or the contact person; don’t repeat what already failed.',
          'Answer the reason they give with a concrete fix, and invite a small trial order.',
        ],
      },
      color: '#6d4c41',
      icon: '💤',
      cadence: 'P14D',
      next: 'key',
      when: {
        all: [
          { metric: 'won_count_total', op: '==', value: 1 },
          { metric: 'days_since_last_won', op: '>', value: 180 },
        ],
      },
    },
    {
      id: 'low_value',
      label: { zh: '低价值客户', en: 'Low value' },
      tips: {
        zh: [
          '核实真实的采购潜力：预算、年用量，以及是否还在用别家。',
          '把日常服务转到线上或自助渠道，减少上门和人工投入。',
          '评估后仍看不到增长的，逐步降低跟进频率，把时间留给高价值客户。',
        ],
        en: [
          'Check the real buying potential: budget, yearly volume, and whether they split business with other suppliers.',
          'Move routine service to self-service and online channels to cut visits and manual effort.',
          'If the review shows no growth, reduce contact step by step and spend the time on higher-value accounts.',
        ],
      },
      color: '#a3a3a3',
      icon: '📉',
      cadence: null,
      next: null,
      when: {
        all: [
          { metric: WON_365, op: '<', value: 10_000 },
          { metric: 'interactions_90d', op: '>=', value: 10 },
        ],
      },
    },
    {
      id: 'standard',
      label: { zh: '普通客户', en: 'Standard' },
      tips: {
        zh: [
          '每月联系一次，了解近期的采购计划和使用反馈。',
          '发一个与其行业相关的案例或新品信息，借此打开追加购买的话题。',
          '摸清对方的预算周期，在其做计划之前递上方案。',
        ],
        en: [
          'Check in monthly about upcoming purchases and how the product is working for them.',
          'Send one case study or product update relevant to their industry to open an upsell conversation.',
          'Learn their budget cycle and get your proposal in before they plan.',
        ],
      },
      color: '#475569',
      icon: '●',
      cadence: 'P30D',
      next: 'key',
      when: true,
    },
  ],
};

const value: Dimension = {
  id: 'value',
  label: { zh: '客户价值', en: 'Value' },
  description: {
    zh: '近 365 天赢单金额在全体客户中的位置；没有统计数据时按固定金额划分。',
    en: 'Where the amount won in the last 365 days ranks among all accounts; fixed amounts when no statistics exist.',
  },
  tiers: [
    {
      id: 'high',
      label: { zh: '高价值', en: 'High value' },
      tips: {
        zh: [
          '安排专人对接，问题优先处理，并承诺响应时限。',
          '参照其采购记录给出定制的方案或配置建议。',
          '备好专属价格或增值服务，在续约和大单之前主动提出。',
        ],
        en: [
          'Give them a named contact, handle their issues first and commit to a response time.',
          'Tailor proposals and configurations to what they have bought before.',
          'Prepare an exclusive price or added-value service and offer it before renewals and large orders.',
        ],
      },
      color: '#b45309',
      icon: '▲',
      next: null,
      when: { all: valueHigh },
    },
    {
      id: 'medium',
      label: { zh: '中价值', en: 'Medium value' },
      tips: {
        zh: [
          '至少每月通过电话或邮件联系一次，掌握需求变化。',
          '分析已购产品，挑一个交叉销售或升级的机会提出来。',
          '在节日或合作周年等节点发一条用心的问候。',
        ],
        en: [
          'Call or email at least monthly to catch changes in their needs.',
          'Look at what they already buy and pick one cross-sell or upgrade to propose.',
          'Mark milestones such as holidays or the anniversary of working together with a personal note.',
        ],
      },
      color: '#0e7490',
      icon: '◆',
      next: 'high',
      when: { all: [boughtThisYear, { metric: WON_365, op: '>=', value: { percentile: 50, fallback: 100_000 } }] },
    },
    {
      id: 'low',
      label: { zh: '低价值', en: 'Low value' },
      tips: {
        zh: [
          '问清采购量少的原因：需求本来就小，还是部分业务给了别家。',
          '用限时优惠或入门套餐降低再次下单的门槛。',
          '安排一次产品培训或使用指导，让对方真正用起来。',
        ],
        en: [
          'Find out why they buy little: small needs, or business going to another supplier.',
          'Lower the barrier to the next order with a time-limited offer or a starter bundle.',
          'Offer a training session or usage walkthrough so they get real value from what they bought.',
        ],
      },
      color: '#64748b',
      icon: '▼',
      next: 'medium',
      when: true,
    },
  ],
};

const pyramid: Dimension = {
  id: 'pyramid',
  label: { zh: '客户金字塔', en: 'Customer pyramid' },
  description: {
    zh: '按近 365 天赢单金额排位：A 前 5%，B 其后 15%，C 其后 30%，D 其余；需要全体客户统计。',
    en: 'Ranked by amount won in the last 365 days: A top 5%, B next 15%, C next 30%, D the rest; needs population statistics.',
  },
  tiers: [
    {
      id: 'a',
      label: { zh: 'A 类（关键客户）', en: 'A (key accounts)' },
      tips: {
        zh: [
          '按最核心客户配置资源：高层定期互访，专属服务团队。',
          '每季度和对方一起回顾合作成果，定下阶段目标。',
          '出现投诉、订单下滑等风险信号，当周上报并处理。',
        ],
        en: [
          'Staff them as a top account: regular executive meetings and a dedicated service team.',
          'Review results and set next-quarter goals with them every quarter.',
          'Escalate and act on any warning sign, such as a complaint or falling orders, within the week.',
        ],
      },
      color: '#9d174d',
      icon: 'A',
      next: null,
      when: { all: [boughtThisYear, { metric: WON_365, op: '>=', value: { percentile: 95 } }] },
    },
    {
      id: 'b',
      label: { zh: 'B 类', en: 'B' },
      tips: {
        zh: ['保持稳定的拜访节奏，重点挖掘对方还没买的产品线。', '对照 A 类客户找差距（用量、品类、覆盖部门），定一个提升计划。'],
        en: [
          'Keep a steady visit rhythm and look for product lines they don’t buy yet.',
          'Compare them with your A accounts (volume, categories, departments covered) and plan how to close the gap.',
        ],
      },
      color: '#c2410c',
      icon: 'B',
      next: 'a',
      when: { all: [boughtThisYear, { metric: WON_365, op: '>=', value: { percentile: 80 } }] },
    },
    {
      id: 'c',
      label: { zh: 'C 类', en: 'C' },
      tips: {
        zh: ['以标准化服务为主，靠定期邮件和活动保持联系。', '挑出增长最快的几家重点跟进，争取升到 B 类。'],
        en: [
          'Serve them with the standard package and stay in touch through regular emails and events.',
          'Pick out the fastest-growing ones for extra attention to move them up to B.',
        ],
      },
      color: '#0369a1',
      icon: 'C',
      next: 'b',
      when: { all: [boughtThisYear, { metric: WON_365, op: '>=', value: { percentile: 50 } }] },
    },
    {
      id: 'd',
      label: { zh: 'D 类', en: 'D' },
      tips: {
        zh: ['控制服务成本，常规问题引导到线上或自助渠道。', '定期评估是否值得投入：有潜力的重点培养，没有的降低频率。'],
        en: [
          'Keep the cost to serve low and route routine questions to online or self-service channels.',
          'Review them periodically: invest in those with potential, contact the rest less often.',
        ],
      },
      color: '#57534e',
      icon: 'D',
      next: 'c',
      // With statistics every account that is not A-C lands here: either it is below the
      // median, or it bought nothing (0 <= p50 always, since amounts are never negative).
      // Without statistics (and no fallback) the comparison is false, so it falls to unknown.
      when: { metric: WON_365, op: '<=', value: { percentile: 50 } },
    },
    {
      id: 'unknown',
      label: { zh: '未分层', en: 'Not ranked yet' },
      tips: {
        zh: ['还没有计算全体客户的金额分布，暂时无法给出金字塔层级。', '请管理员运行一次客户统计，之后再查看。'],
        en: [
          'Spend percentiles across all accounts have not been computed yet, so no pyramid level can be given.',
          'Ask your admin to run the population statistics, then check again.',
        ],
      },
      color: '#d4d4d8',
      icon: '?',
      next: null,
      when: true,
    },
  ],
};

const engagement: Dimension = {
  id: 'engagement',
  label: { zh: '互动频率', en: 'Engagement' },
  description: { zh: '近 90 天记录在案的互动次数。', en: 'Logged interactions in the last 90 days.' },
  tiers: [
    {
      id: 'frequent',
      label: { zh: '频繁互动', en: 'Frequent' },
      tips: {
        zh: [
          '对方的咨询和反馈当天回应，趁热打铁。',
          '邀请其参加用户活动或产品交流会，加深联系。',
          '借着接触频繁，做一次满意度回访，收集改进建议。',
        ],
        en: [
          'Reply to their questions and feedback the same day while interest is high.',
          'Invite them to a user event or product session to deepen the relationship.',
          'Use the frequent contact to run a quick satisfaction check and collect suggestions.',
        ],
      },
      color: '#ea580c',
      icon: '🔥',
      next: null,
      when: engagementFrequent,
    },
    {
      id: 'occasional',
      label: { zh: '偶尔互动', en: 'Occasional' },
      tips: {
        zh: ['按对方关心的话题推送有针对性的内容，别群发资料。', '本周约一个简短的电话，确认当前需求和时间计划。'],
        en: [
          'Send content matched to what they care about rather than generic mailings.',
          'Book a short call this week to confirm their current needs and timing.',
        ],
      },
      color: '#fbbf24',
      icon: '👋',
      next: 'frequent',
      when: { metric: 'interactions_90d', op: '>=', value: 3 },
    },
    {
      id: 'rare',
      label: { zh: '很少互动', en: 'Rare' },
      tips: {
        zh: [
          '翻看上一次互动的记录，找一个和对方业务相关的理由重新联系。',
          '用活动邀请、试用或小额优惠换一次沟通机会。',
          '确认对接人是否还在职、是否仍负责采购。',
        ],
        en: [
          'Read the last interaction and find a reason tied to their business to get back in touch.',
          'Offer an event invitation, a trial or a small incentive in exchange for a conversation.',
          'Check that your contact is still there and still responsible for purchasing.',
        ],
      },
      color: '#93c5fd',
      icon: '🧊',
      next: 'occasional',
      when: true,
    },
  ],
};

const demand: Dimension = {
  id: 'demand',
  label: { zh: '需求强度', en: 'Demand' },
  description: {
    zh: '近 365 天的下单次数，以及在途商机相对已成交金额的大小。',
    en: 'Orders won in the last 365 days, and the open pipeline compared with what was won.',
  },
  tiers: [
    {
      id: 'high',
      label: { zh: '高需求', en: 'High demand' },
      tips: {
        zh: [
          '针对其特殊要求准备定制方案，先和交付团队确认可行性。',
          '在途商机逐个确认决策时间和卡点，别让订单停在半路。',
          '安排专门的支持人员，保证需求快速得到响应。',
        ],
        en: [
          'Prepare tailored proposals for their special requirements and check feasibility with delivery first.',
          'For each open deal, confirm the decision date and what is blocking it.',
          'Assign dedicated support so their requests get a fast answer.',
        ],
      },
      color: '#7e22ce',
      icon: '📈',
      next: null,
      when: { any: [{ metric: 'won_count_365d', op: '>=', value: 12 }, pipelineCoversWon] },
    },
    {
      id: 'medium',
      label: { zh: '中需求', en: 'Medium demand' },
      tips: {
        zh: ['做一次需求访谈，找出还没被满足的潜在需求。', '结合促销节点给出合适的组合方案，提高下单频次。'],
        en: [
          'Run a needs interview to uncover requirements you are not serving yet.',
          'Time a bundle offer to a promotion window to raise order frequency.',
        ],
      },
      color: '#c4b5fd',
      icon: '➖',
      next: 'high',
      when: { metric: 'won_count_365d', op: '>=', value: 4 },
    },
    {
      id: 'low',
      label: { zh: '低需求', en: 'Low demand' },
      tips: {
        zh: ['弄清需求偏低的原因：预算、时机，还是产品不对路。', '安排一次演示或培训，让对方看到更多使用场景。'],
        en: [
          'Find out why demand is low: budget, timing, or a poor product fit.',
          'Offer a demo or training that shows them more ways to use the product.',
        ],
      },
      color: '#e5e7eb',
      icon: '📉',
      next: 'medium',
      when: true,
    },
  ],
};

const lifecycle: Dimension = {
  id: 'lifecycle',
  label: { zh: '生命周期', en: 'Lifecycle' },
  description: {
    zh: '从首单和最近一单的时间判断客户所处的阶段。',
    en: 'The stage of the relationship, from the dates of the first and latest won orders.',
  },
  tiers: [
    {
      id: 'prospect',
      label: { zh: '潜在客户', en: 'Prospect' },
      tips: {
        zh: [
          '先确认痛点、预算和决策人，再决定投入多少时间。',
          '安排一次产品演示或试用，让对方亲身体验价值。',
          '分享一个同行业客户的成功案例，建立信任。',
        ],
        en: [
          'Qualify the pain, the budget and the decision-maker before investing more time.',
          'Set up a demo or a trial so they see the value first-hand.',
          'Share a success story from a customer in the same industry to build trust.',
        ],
      },
      color: '#7dd3fc',
      icon: '🎯',
      next: 'new',
      when: { metric: 'won_count_total', op: '==', value: 0 },
    },
    {
      id: 'churned',
      label: { zh: '流失客户', en: 'Churned' },
      tips: {
        zh: [
          '查看最后几笔订单、投诉和工单，分析流失原因。',
          '围绕原因制定挽回方案，请上级或高层一起出面沟通。',
          '用回归优惠降低重新合作的门槛，先争取一笔小单。',
        ],
        en: [
          'Work out why they left: review their last orders, complaints and tickets.',
          'Build a win-back plan around that reason and bring your manager or an executive to the conversation.',
          'Lower the bar to return with a come-back offer and aim for one small order first.',
        ],
      },
      color: '#991b1b',
      icon: '🚪',
      next: 'mature',
      when: { metric: 'days_since_last_won', op: '>', value: 365 },
    },
    {
      id: 'dormant',
      label: { zh: '沉睡客户', en: 'Dormant' },
      tips: {
        zh: ['主动联系，了解近半年没有下单的原因。', '带着新产品、新方案或有针对性的优惠重新打开话题。'],
        en: [
          'Reach out and ask why there has been no order for six months.',
          'Reopen the conversation with something new: a product, a solution or a targeted offer.',
        ],
      },
      color: '#a8a29e',
      icon: '💤',
      next: 'mature',
      when: { metric: 'days_since_last_won', op: '>', value: 180 },
    },
    {
      id: 'new',
      label: { zh: '新客户', en: 'New' },
      tips: {
        zh: [
          '和对方约定上手计划：交付、培训和首次回访的日期都写清楚。',
          '第一个月至少跟进两次，及时解决使用中的问题。',
          '为第二单准备一个有吸引力的理由，比如首年专享条件。',
        ],
        en: [
          'Agree an onboarding plan with dates for delivery, training and the first check-in.',
          'Follow up at least twice in the first month and fix usage problems quickly.',
          'Give them a reason for a second order, such as a first-year customer offer.',
        ],
      },
      color: '#4ade80',
      icon: '🌱',
      next: 'mature',
      when: { metric: 'days_since_first_won', op: '<=', value: 90 },
    },
    {
      id: 'loyal',
      label: { zh: '忠诚客户', en: 'Loyal' },
      tips: {
        zh: [
          '提供更高一级的服务，比如专属通道或优先排期。',
          '邀请其加入客户顾问会或专属活动，听取对产品的意见。',
          '用积分、返利或续约优惠回馈长期合作。',
        ],
        en: [
          'Give them a higher service level, such as a priority line or first place in the schedule.',
          'Invite them to a customer advisory board or an exclusive event and ask for product input.',
          'Reward long-term business with loyalty credits, rebates or renewal terms.',
        ],
      },
      color: '#854d0e',
      icon: '🤝',
      next: null,
      when: {
        all: [
          { metric: 'days_since_first_won', op: '>=', value: 730 },
          { metric: 'won_count_365d', op: '>=', value: 4 },
        ],
      },
    },
    {
      id: 'mature',
      label: { zh: '成熟客户', en: 'Mature' },
      tips: {
        zh: [
          '根据采购历史做个性化推荐，寻找升级和交叉销售的机会。',
          '每半年做一次满意度回访，把听到的问题落实改进。',
          '节日和合作周年送上问候，保持关系的温度。',
        ],
        en: [
          'Recommend based on their purchase history and look for upgrade and cross-sell openings.',
          'Run a satisfaction review every six months and act on what you hear.',
          'Mark holidays and partnership anniversaries to keep the relationship warm.',
        ],
      },
      color: '#166534',
      icon: '🌳',
      next: 'loyal',
      when: true,
    },
  ],
};

const satisfaction: Dimension = {
  id: 'satisfaction',
  label: { zh: '满意度', en: 'Satisfaction' },
  description: { zh: '最近 3 次满意度调查（CSAT，1-5 分）的平均分。', en: 'Mean of the last 3 CSAT answers (1-5).' },
  tiers: [
    {
      id: 'unknown',
      label: { zh: '暂无评分', en: 'No score yet' },
      tips: {
        zh: ['还没有满意度数据，本月发一份简短的满意度调查。', '下次通话结束前直接问一句：按 1 到 5 分，您给我们的服务打几分？'],
        en: [
          'There is no satisfaction data yet: send a short CSAT survey this month.',
          'End your next call by asking for a score from 1 to 5 for your service.',
        ],
      },
      color: '#d1d5db',
      icon: '?',
      next: null,
      when: { metric: 'csat_count', op: '==', value: 0 },
    },
    {
      id: 'high',
      label: { zh: '满意', en: 'Satisfied' },
      tips: {
        zh: ['感谢对方的认可，趁热请其推荐同行或提供案例。', '继续收集改进建议，并让对方看到哪些意见已被采纳。'],
        en: [
          'Thank them for the good scores and ask for a referral or a case study while they are happy.',
          'Keep asking for suggestions and show them which ones you acted on.',
        ],
      },
      color: '#15803d',
      icon: '😀',
      next: null,
      when: { metric: 'csat_mean_last3', op: '>=', value: 4.2 },
    },
    {
      id: 'medium',
      label: { zh: '一般', en: 'Neutral' },
      tips: {
        zh: ['回看最近的评分和留言，找出失分最多的环节。', '本月内解决其中一个问题，并把改进结果告诉客户。'],
        en: [
          'Review recent scores and comments to find where points are lost.',
          'Fix one issue this month and tell the customer what changed.',
        ],
      },
      color: '#facc15',
      icon: '😐',
      next: 'high',
      when: { metric: 'csat_mean_last3', op: '>=', value: 3.0 },
    },
    {
      id: 'low',
      label: { zh: '不满意', en: 'Dissatisfied' },
      tips: {
        zh: [
          '48 小时内打电话了解不满的具体原因，不要只发邮件。',
          '定出整改措施和期限，到期回访确认问题已解决。',
          '必要时请上级介入，防止客户流失。',
        ],
        en: [
          'Call within 48 hours to learn exactly what went wrong; don’t rely on email.',
          'Agree a fix with a deadline, then follow up to confirm it is solved.',
          'Bring in your manager if needed: an unhappy account is a churn risk.',
        ],
      },
      color: '#b91c1c',
      icon: '☹',
      next: 'medium',
      when: true,
    },
  ],
};

const advocacy: Dimension = {
  id: 'advocacy',
  label: { zh: '推荐意愿', en: 'Advocacy' },
  description: {
    zh: '最近一次 NPS 评分（0-10）和近 365 天的转介绍。',
    en: 'The latest NPS answer (0-10) and referrals in the last 365 days.',
  },
  tiers: [
    {
      id: 'promoter',
      label: { zh: '推荐者', en: 'Promoter' },
      tips: {
        zh: ['请对方引荐一两位同行或合作伙伴，并说明推荐奖励。', '邀请其参与客户案例、评价或行业分享。'],
        en: [
          'Ask for one or two introductions to peers or partners, and explain the referral reward.',
          'Invite them to take part in a case study, a review or an industry talk.',
        ],
      },
      color: '#047857',
      icon: '📣',
      next: null,
      when: {
        any: [
          { metric: 'nps_latest', op: '>=', value: 9 },
          { metric: 'referrals_365d', op: '>=', value: 1 },
        ],
      },
    },
    {
      id: 'unknown',
      label: { zh: '暂无评分', en: 'No score yet' },
      tips: {
        zh: ['还没有推荐意愿的数据，在下次调查里加上 NPS 题目。', '通话时顺便问一句：您愿意把我们推荐给同行吗？'],
        en: [
          'There is no NPS answer yet: add the recommend question to the next survey.',
          'On your next call, ask whether they would recommend you to a peer.',
        ],
      },
      color: '#d1d5db',
      icon: '?',
      next: null,
      when: { metric: 'nps_count', op: '==', value: 0 },
    },
    {
      id: 'passive',
      label: { zh: '中立者', en: 'Passive' },
      tips: {
        zh: ['问清还差在哪里：做到什么，对方才愿意推荐你。', '介绍推荐激励计划，让推荐这件事变得简单。'],
        en: [
          'Find out what is missing: what would make them willing to recommend you.',
          'Introduce the referral incentive and make referring easy.',
        ],
      },
      color: '#fde68a',
      icon: '🤷',
      next: 'promoter',
      when: { metric: 'nps_latest', op: '>=', value: 7 },
    },
    {
      id: 'detractor',
      label: { zh: '贬损者', en: 'Detractor' },
      tips: {
        zh: ['尽快回访，弄清低分背后的具体问题。', '问题解决后再请对方评一次，看态度是否转变。', '问题解决之前，不要请其推荐或参与宣传。'],
        en: [
          'Follow up quickly to understand the specific problem behind the low score.',
          'Once it is fixed, ask again to see whether their view has changed.',
          'Don’t ask them for referrals or publicity until the issue is resolved.',
        ],
      },
      color: '#be123c',
      icon: '👎',
      next: 'passive',
      when: true,
    },
  ],
};

const size: Dimension = {
  id: 'size',
  label: { zh: '企业规模', en: 'Company size' },
  description: { zh: '按员工人数或年营业额划分。', en: 'By number of employees or annual revenue.' },
  tiers: [
    {
      id: 'unknown',
      label: { zh: '规模未知', en: 'Size unknown' },
      tips: {
        zh: ['补全客户的员工人数或年营业额，便于判断规模。', '下次沟通时顺便了解对方的组织规模和业务范围。'],
        en: [
          'Fill in the employee count or annual revenue so the account can be sized.',
          'Ask about their headcount and business scope on your next call.',
        ],
      },
      color: '#d1d5db',
      icon: '?',
      next: null,
      when: {
        all: [
          { metric: 'employees', op: 'exists', value: false },
          { metric: 'annual_revenue', op: 'exists', value: false },
        ],
      },
    },
    {
      id: 'large',
      label: { zh: '大型企业', en: 'Large' },
      tips: {
        zh: ['多线并进：同时经营采购、业务部门和高层三条关系。', '尽早摸清对方的采购流程、合规要求和审批周期。'],
        en: [
          'Build several threads at once: procurement, business users and an executive sponsor.',
          'Learn their purchasing process, compliance requirements and approval timeline early.',
        ],
      },
      color: '#1e3a8a',
      icon: '🏢',
      next: null,
      when: {
        any: [
          { metric: 'employees', op: '>=', value: 1000 },
          { metric: 'annual_revenue', op: '>=', value: 100_000_000 },
        ],
      },
    },
    {
      id: 'medium',
      label: { zh: '中型企业', en: 'Medium' },
      tips: {
        zh: ['找到能拍板的业务负责人，缩短决策链。', '提出分阶段方案，首期投入适中，后续再扩展。'],
        en: [
          'Find the business owner who can sign off and keep the decision chain short.',
          'Propose a phased plan with a modest first phase that can grow later.',
        ],
      },
      color: '#60a5fa',
      icon: '🏬',
      next: null,
      when: {
        any: [
          { metric: 'employees', op: '>=', value: 100 },
          { metric: 'annual_revenue', op: '>=', value: 10_000_000 },
        ],
      },
    },
    {
      id: 'small',
      label: { zh: '小型企业', en: 'Small' },
      tips: {
        zh: ['用标准套餐和清楚的报价快速成交。', '多用电话和线上演示，少安排上门。'],
        en: ['Close quickly with a standard package and a clear price.', 'Use phone calls and online demos rather than site visits.'],
      },
      color: '#bfdbfe',
      icon: '🏪',
      next: null,
      when: true,
    },
  ],
};

/** The retail money x loyalty 2x2 from seed 003, built on the value, lifecycle and engagement tiers. */
const rich: Condition = { metric: 'dim.value', op: 'in', value: ['high', 'medium'] };
const loyal: Condition = {
  any: [
    { metric: 'dim.lifecycle', op: '==', value: 'loyal' },
    {
      all: [
        { metric: 'dim.lifecycle', op: '==', value: 'mature' },
        { metric: 'dim.engagement', op: '!=', value: 'rare' },
      ],
    },
  ],
};

const walletLoyalty: Dimension = {
  id: 'wallet_loyalty',
  label: { zh: '价值与忠诚', en: 'Spend and loyalty' },
  description: {
    zh: '价值中高为“有钱”；忠诚客户或互动不少的成熟客户为“忠诚”。',
    en: 'Medium or high value counts as high spend; loyal, or mature and not rarely in touch, counts as loyal.',
  },
  tiers: [
    {
      id: 'rich_loyal',
      label: { zh: '高价值且忠诚', en: 'High spend, loyal' },
      tips: {
        zh: ['重点守住：给最好的服务和专属权益。', '挖掘追加销售和高端产品的机会。'],
        en: ['Protect this account with your best service and exclusive benefits.', 'Look for upsell and premium-product opportunities.'],
      },
      color: '#065f46',
      icon: '💰♥',
      next: null,
      when: { all: [rich, loyal] },
    },
    {
      id: 'rich_disloyal',
      label: { zh: '高价值但不忠诚', en: 'High spend, not loyal' },
      tips: {
        zh: ['了解对方同时在用哪些供应商，以及选择别家的理由。', '用差异化服务和长期合作条款提高黏性。'],
        en: [
          'Find out which other suppliers they use and why they choose them.',
          'Raise switching costs with differentiated service and long-term agreement terms.',
        ],
      },
      color: '#b45309',
      icon: '💰',
      next: 'rich_loyal',
      when: rich,
    },
    {
      id: 'poor_loyal',
      label: { zh: '低价值但忠诚', en: 'Low spend, loyal' },
      tips: {
        zh: ['维持关系，同时控制服务成本，多用线上方式沟通。', '让忠诚产生价值：请其推荐同行或留下口碑评价。'],
        en: [
          'Keep the relationship while holding down the cost to serve, mostly through online channels.',
          'Turn their loyalty into value: ask for referrals and reviews.',
        ],
      },
      color: '#7dd3fc',
      icon: '♥',
      next: 'rich_loyal',
      when: loyal,
    },
    {
      id: 'poor_disloyal',
      label: { zh: '低价值且不忠诚', en: 'Low spend, not loyal' },
      tips: {
        zh: ['只保持低成本的自动化联系，不投入额外资源。', '定期复查，出现增长信号时再重点跟进。'],
        en: [
          'Keep to light, automated contact and put in no extra resources.',
          'Review periodically and step up only when growth signals appear.',
        ],
      },
      color: '#9ca3af',
      icon: '○',
      next: 'poor_loyal',
      when: true,
    },
  ],
};

/** One tier per catalogue type, so labels, tips, icons and colours have a single source. */
const personality: Dimension = {
  id: 'personality',
  label: { zh: '沟通类型', en: 'Personality' },
  description: {
    zh: '从管理员指定的 CRM 字段识别的沟通性格类型。',
    en: 'The communication type, matched from the CRM field the admin chose.',
  },
  tiers: [
    ...PERSONALITY_TYPES.map((p) => ({
      id: p.id,
      label: { ...p.label },
      tips: { zh: [...p.tips.zh], en: [...p.tips.en] },
      color: p.color,
      icon: p.icon,
      next: null,
      when: { metric: 'personality', op: '==', value: p.id } as Condition,
    })),
    {
      id: 'unknown',
      label: { zh: '类型未知', en: 'Type unknown' },
      tips: {
        zh: ['在 CRM 里记下对方的沟通风格（例如犹豫型、分析型），下次就能看到应对建议。', '先多听少说，观察对方做决定的方式。'],
        en: [
          'Record their communication style in the CRM (for example hesitant or analytical) to get handling tips next time.',
          'Listen more than you talk at first, and watch how they make decisions.',
        ],
      },
      color: '#d1d5db',
      icon: '?',
      next: null,
      when: true,
    },
  ],
};

export const DEFAULT_PLAYBOOK: RuleSet = {
  schemaVersion: 1,
  name: 'TierLens default playbook',
  headline: 'relationship',
  chips: ['value', 'lifecycle', 'satisfaction'],
  dimensions: [relationship, value, pyramid, engagement, demand, lifecycle, satisfaction, advocacy, size, walletLoyalty, personality],
};
