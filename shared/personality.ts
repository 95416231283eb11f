/**
 * The personality / communication-type catalogue (from the "customer types and how to handle
 * them" material in seed 003), and the matcher that maps a free-text CRM field onto it.
 *
 * The seed lists the types several times over, from different sources, under different names
 * (a sales-floor list of thirteen, a list of ten, a slide deck, a telesales list of nine, a
 * property-sales list, a quiz). Names that describe the same behaviour are merged into one
 * type here and kept as aliases, so a CRM value written in any of those vocabularies lands on
 * the same handling tips. The tips are written fresh for a B2B sales rep.
 *
 * Pure: no I/O, no clock. The alias table is built once at module load.
 */

export interface PersonalityType {
  /** Lowercase snake id; also the tier id in the playbook's `personality` dimension. */
  id: string;
  label: { zh: string; en: string };
  /** Chinese and English names and common aliases. Matching ignores case, spacing, punctuation and a trailing 型/类/客户/type/customer. */
  aliases: string[];
  /** 2-4 handling tips per language. */
  tips: { zh: string[]; en: string[] };
  icon: string;
  /** #rrggbb; white or #111111 text reaches WCAG 4.5:1 on it. */
  color: string;
}

export const PERSONALITY_TYPES: readonly PersonalityType[] = [
  // ------------------------------------------------------------ decision style
  {
    id: 'hesitant',
    label: { zh: '犹豫型', en: 'Hesitant' },
    // The quiz's 犹豫不决怀疑类 and the property list's 优柔寡断型 describe the same buyer.
    aliases: [
      '犹豫型',
      '犹豫性',
      '犹豫',
      '犹豫不决',
      '犹豫不决怀疑',
      '优柔寡断',
      '举棋不定',
      '拿不定主意',
      '不干脆',
      '怀疑型',
      'hesitant',
      'hesitating',
      'indecisive',
      'undecided',
      'wavering',
    ],
    tips: {
      zh: [
        '别催单，先请对方说出还在顾虑什么。',
        '针对每个顾虑拿出实证：同行案例、数据或试用。',
        '顾虑消除后由你提出具体的下一步，比如约定下单日期。',
      ],
      en: [
        'Don’t push for the close; ask what is still holding them back.',
        'Answer each concern with evidence: a peer reference, figures or a trial.',
        'Once the doubts are cleared, propose a concrete next step such as an order date.',
      ],
    },
    icon: '🤔',
    color: '#a16207',
  },
  {
    id: 'impulsive',
    label: { zh: '冲动型', en: 'Impulsive' },
    // 情感冲动型 (moody, "a little neurotic") and the quiz's 神经质类 are handled the same way:
    // be direct and close firmly before the mood swings back.
    aliases: [
      '冲动型',
      '冲动',
      '情感冲动',
      '情感冲动型',
      '神经质',
      '感情用事',
      '情绪化',
      '不理智',
      'impulsive',
      'impetuous',
      'moody',
      'neurotic',
    ],
    tips: {
      zh: ['开门见山给出推荐方案，不绕弯子。', '详细解释放在后面，先确认对方的意向。', '对方一旦点头，尽快把合同签下来，免得夜长梦多。'],
      en: [
        'Lead with your recommendation; skip the long preamble.',
        'Save the detailed explanation for later and confirm their intent first.',
        'Once they say yes, get the paperwork done quickly so the decision does not unravel.',
      ],
    },
    icon: '⚡',
    color: '#c2410c',
  },
  {
    id: 'decisive',
    label: { zh: '豪爽干脆型', en: 'Decisive' },
    aliases: [
      '豪爽干脆',
      '豪爽干脆型',
      '豪爽',
      '干脆',
      '爽快',
      '爽快型',
      '果断型',
      '果断',
      'decisive',
      'forthright',
      'straightforward',
      'straight talker',
    ],
    tips: {
      zh: [
        '说话利落，直接给出方案和价格。',
        '对方常当场拍板，提前把条款一次讲清。',
        '对方容易忽略细节，关键条款务必书面确认，免得事后扯皮。',
      ],
      en: [
        'Be crisp: give the proposal and the price straight away.',
        'They often decide on the spot, so have every term ready to lay out at once.',
        'They can skim over details; confirm the key terms in writing to avoid disputes later.',
      ],
    },
    icon: '✅',
    color: '#15803d',
  },
  {
    id: 'rational',
    label: { zh: '理智型', en: 'Rational' },
    // The property list's 从容不迫型 (calm, unmoved by advertising, decides only on reasons)
    // needs the same treatment as the telesales 理智型.
    aliases: [
      '理智型',
      '理智',
      '理性型',
      '理性',
      '从容不迫',
      '从容不迫型',
      '冷静型',
      '冷静',
      'rational',
      'logical',
      'composed',
      'level-headed',
      'unemotional',
    ],
    tips: {
      zh: ['坦诚介绍产品的优势和不足，不夸大。', '不靠送礼和套近乎，用事实和对比数据说话。', '答应的事一定做到，做不到的不要承诺。'],
      en: [
        'Be candid about the product’s strengths and limits, without exaggeration.',
        'Skip gifts and flattery; make your case with facts and side-by-side comparisons.',
        'Deliver everything you promise, and promise nothing you can’t deliver.',
      ],
    },
    icon: '🧠',
    color: '#1d4ed8',
  },
  {
    id: 'analytical',
    label: { zh: '分析型', en: 'Analytical' },
    aliases: ['分析型', '分析', '数据型', '重数据', 'analytical', 'analytic', 'analyst', 'data-driven', 'detail-oriented'],
    tips: {
      zh: ['准备充分的数据、对比表和投资回报测算。', '给对方留出研究材料的时间，不要催。', '每个说法都要有出处，避免任何夸大。'],
      en: [
        'Bring data, comparison tables and an ROI calculation.',
        'Give them time to study the material; don’t rush them.',
        'Back every claim with a source and never overstate.',
      ],
    },
    icon: '📊',
    color: '#0e7490',
  },
  {
    id: 'methodical',
    label: { zh: '条理型', en: 'Methodical' },
    // The quiz's 刚强谨慎类 (firm and cautious) weighs every word the same way.
    aliases: [
      '条理型',
      '条理',
      '有条理',
      '刚强谨慎',
      '谨慎型',
      '谨慎',
      '稳重型',
      'methodical',
      'orderly',
      'cautious',
      'deliberate',
      'systematic',
    ],
    tips: {
      zh: ['放慢节奏，跟着对方的步调走，不要跳步骤。', '带上详细的规格、流程和实施计划。', '会后发书面纪要，逐条确认达成的事项。'],
      en: [
        'Slow down and follow their pace; don’t skip steps.',
        'Bring detailed specifications, processes and an implementation plan.',
        'Send written minutes after each meeting confirming every agreed point.',
      ],
    },
    icon: '📋',
    color: '#334155',
  },
  {
    id: 'inquisitive',
    label: { zh: '问题型', en: 'Question-asker' },
    aliases: ['问题型', '问题', '提问型', '爱提问', '好问', 'inquisitive', 'question-asker', 'questioner', 'question-asking', 'curious'],
    tips: {
      zh: ['把提问当成购买信号，逐条记下对方的问题。', '当场答不了的，约好时间给书面答复。', '下次见面前先发一份常见问题解答。'],
      en: [
        'Treat questions as buying signals and log every one.',
        'If you can’t answer on the spot, commit to a written answer by a set date.',
        'Send an FAQ sheet ahead of the next meeting.',
      ],
    },
    icon: '❓',
    color: '#4338ca',
  },
  {
    id: 'silent',
    label: { zh: '沉默型', en: 'Quiet' },
    // Named twice in the seed; the quiz's 少言内向类 is the same buyer.
    aliases: [
      '沉默型',
      '沉默',
      '沉默寡言',
      '少言内向',
      '少言',
      '寡言',
      '内向型',
      '内向',
      '不爱说话',
      'silent',
      'quiet',
      'reserved',
      'introverted',
      'taciturn',
    ],
    tips: {
      zh: [
        '多问开放式问题，例如“您现在最想解决的是什么？”',
        '给对方思考的时间，别急着打破沉默。',
        '用书面材料和会后邮件确认对方的真实意向。',
      ],
      en: [
        'Ask open questions, such as “What is the main problem you want to solve?”',
        'Give them time to think; don’t rush to fill the silence.',
        'Confirm their real intent in writing, with materials and a follow-up email.',
      ],
    },
    icon: '🤐',
    color: '#475569',
  },
  {
    id: 'talkative',
    label: { zh: '唠叨型', en: 'Talkative' },
    aliases: [
      '唠叨型',
      '唠叨',
      '叨唠',
      '喋喋不休',
      '喋喋不休型',
      '话多',
      '啰嗦',
      '健谈',
      '爱说话',
      'talkative',
      'chatty',
      'talker',
      'verbose',
      'long-winded',
    ],
    tips: {
      zh: ['开场就说明会谈的时长和议程。', '适当附和后，把话题拉回产品和下一步。', '少问开放式问题，多用二选一的问题帮对方收尾。'],
      en: [
        'State the time available and the agenda at the start of the meeting.',
        'Agree briefly, then steer back to the product and the next step.',
        'Avoid open questions; use either-or questions to help them reach a conclusion.',
      ],
    },
    icon: '💬',
    color: '#0f766e',
  },
  {
    id: 'amiable',
    label: { zh: '和气型', en: 'Amiable' },
    aliases: [
      '和气型',
      '和气',
      '随和',
      '随和型',
      '和蔼',
      '好说话',
      'amiable',
      'affable',
      'easy-going',
      'easygoing',
      'good-natured',
      'agreeable',
    ],
    tips: {
      zh: ['对方态度友好不等于会下单，签约前别放松。', '耐心问清还有什么让对方拿不定主意。', '帮对方解决这些小顾虑，再明确提出成交建议。'],
      en: [
        'A warm welcome is not a signed order; stay on it until the contract is done.',
        'Ask patiently what still keeps them from deciding.',
        'Resolve those small concerns, then make a clear proposal to close.',
      ],
    },
    icon: '😊',
    color: '#047857',
  },
  {
    id: 'emotional',
    label: { zh: '感情型', en: 'Emotional' },
    aliases: ['感情型', '感情', '情感型', '重感情', '感性', '感性型', 'emotional', 'feeling', 'sentimental', 'expressive'],
    tips: {
      zh: [
        '先建立个人关系，关心对方在意的人和事。',
        '交谈时全情投入，真诚表达自己，别只背话术。',
        '记住对方提过的细节，下次联系时主动提起。',
      ],
      en: [
        'Build a personal connection first and take an interest in what they care about.',
        'Be fully present in conversations and be yourself rather than reciting a script.',
        'Remember details they mention and bring them up next time.',
      ],
    },
    icon: '💗',
    color: '#be185d',
  },
  {
    id: 'relationship_driven',
    label: { zh: '关系型', en: 'Relationship-driven' },
    aliases: ['关系型', '关系', '重关系', '人情型', 'relationship-driven', 'relationship-oriented', 'relationship', 'relational'],
    tips: {
      zh: [
        '对方看重信任和交情，多安排面对面的交流。',
        '借共同的熟人或合作伙伴引荐，加快建立信任。',
        '关系再好也按规矩办事，承诺和合同都落在纸面上。',
      ],
      en: [
        'They buy on trust and rapport, so invest in face-to-face time.',
        'Use mutual contacts or partners for introductions to build trust faster.',
        'However good the relationship, follow the rules: put commitments and contracts in writing.',
      ],
    },
    icon: '🤝',
    color: '#9d174d',
  },

  // ------------------------------------------------------------ ego and standing
  {
    id: 'proud',
    label: { zh: '骄傲型', en: 'Proud' },
    // 自尊自大, 骄傲, 权威傲慢 and the quiz's 冷淡傲慢 / 自夸自大虚荣 are one buyer: wants to be
    // looked up to. The property list's 自我吹嘘型 (boastful, vain) is handled the same way.
    aliases: [
      '骄傲型',
      '骄傲',
      '自尊自大',
      '自大型',
      '自大',
      '傲慢型',
      '傲慢',
      '权威傲慢',
      '权威傲慢型',
      '冷淡傲慢',
      '自我吹嘘',
      '自我吹嘘型',
      '自夸自大虚荣',
      '自夸',
      '虚荣型',
      '虚荣',
      '爱面子',
      '面子型',
      '盛气凌人',
      'proud',
      'arrogant',
      'self-important',
      'egotistic',
      'egotistical',
      'vain',
      'boastful',
      'haughty',
    ],
    tips: {
      zh: [
        '真诚肯定对方的经验和判断，多用请教的口吻。',
        '让对方先谈自己熟悉的领域，再顺势引回正题。',
        '态度谦和但立场坚定，不因奉承在价格和条款上让步。',
      ],
      en: [
        'Acknowledge their experience and judgement sincerely, and ask for their view.',
        'Let them talk about what they know best, then steer back to your agenda.',
        'Stay courteous but firm; don’t give away price or terms to please them.',
      ],
    },
    icon: '👑',
    color: '#6d28d9',
  },
  {
    id: 'stubborn',
    label: { zh: '固执型', en: 'Stubborn' },
    aliases: ['固执型', '固执', '固执己见', '顽固', '倔强', '死板', 'stubborn', 'obstinate', 'headstrong', 'inflexible'],
    tips: {
      zh: [
        '尊重对方的既有看法，不要当面硬争。',
        '肯定对方的地位和决定权，让新方案成为对方自己的选择。',
        '给出两三个选项让对方挑，而不是只给一个答案。',
      ],
      en: [
        'Respect their current position; don’t try to win the argument head-on.',
        'Recognise their standing and authority, and let the new idea become their own decision.',
        'Offer two or three options to choose from rather than a single answer.',
      ],
    },
    icon: '🪨',
    color: '#57534e',
  },
  {
    id: 'credit_seeking',
    label: { zh: '抢功型', en: 'Credit-seeker' },
    aliases: [
      '抢功型',
      '抢功',
      '邀功',
      '邀功型',
      '争功',
      '表现型',
      'credit-seeking',
      'credit seeker',
      'credit-seeker',
      'glory-seeking',
      'glory seeker',
    ],
    tips: {
      zh: [
        '帮对方在领导面前出彩，提供能直接汇报的成果和数据。',
        '项目见效时，公开把功劳归于对方。',
        '同时维护好其上级和其他关键人，避免只靠一条线。',
      ],
      en: [
        'Help them shine in front of their boss with results and figures they can present.',
        'When the project succeeds, give them the credit publicly.',
        'Stay in touch with their manager and other stakeholders so you don’t depend on one person.',
      ],
    },
    icon: '🏆',
    color: '#a21caf',
  },

  // ------------------------------------------------------------ pushing back
  {
    id: 'disagreeing',
    label: { zh: '不同意型', en: 'Contrarian' },
    aliases: ['不同意型', '不同意', '反对型', '爱抬杠', '抬杠', 'disagreeing', 'disagreeable', 'contrarian', 'argumentative'],
    tips: {
      zh: [
        '不争论、不反驳，保持冷静，耐心听对方说完。',
        '先认同对方观点里合理的部分，再补充你的信息。',
        '用客户案例和第三方数据代替正面交锋。',
      ],
      en: [
        'Stay calm; don’t argue or push back, and let them finish.',
        'Agree with the reasonable part of their view first, then add your information.',
        'Let customer stories and third-party data make the case instead of debating.',
      ],
    },
    icon: '🙅',
    color: '#b91c1c',
  },
  {
    id: 'complaining',
    label: { zh: '牢骚型', en: 'Complainer' },
    aliases: ['牢骚型', '牢骚', '发牢骚', '爱抱怨', '抱怨型', '抱怨', 'complaining', 'complainer', 'grumbler', 'grumbling'],
    tips: {
      zh: ['保持积极的状态，别被对方的情绪带着走。', '耐心听完抱怨，找出真正困扰对方的问题。', '对能解决的部分给出具体措施和完成时间。'],
      en: [
        'Stay upbeat and don’t let their mood set the tone.',
        'Hear the complaints out and find the real problem behind them.',
        'Offer concrete actions and dates for the parts you can fix.',
      ],
    },
    icon: '😤',
    color: '#9a3412',
  },
  {
    id: 'picky',
    label: { zh: '挑剔型', en: 'Picky' },
    // 挑剔型 (never accepts the quote) and 吹毛求疵型 (distrustful, finds fault with
    // everything) are handled the same way: concede, then prove the value. 吹毛求兹 is the
    // seed's own misspelling, kept because CRM data copies it.
    aliases: [
      '挑剔型',
      '挑剔',
      '吹毛求疵',
      '吹毛求疵型',
      '吹毛求兹',
      '鸡蛋里挑骨头',
      '多疑',
      'picky',
      'nitpicking',
      'nitpicker',
      'fault-finding',
      'fussy',
    ],
    tips: {
      zh: [
        '先承认对方指出的不足，再讲清相应的优势。',
        '用质量标准、服务承诺和客户案例证明价格物有所值。',
        '别急着降价，把价格之争变成价值之争。',
      ],
      en: [
        'Concede the weak points they raise, then show the strengths that outweigh them.',
        'Justify the price with quality standards, service commitments and references.',
        'Don’t rush to discount; turn the price debate into a discussion of value.',
      ],
    },
    icon: '🔍',
    color: '#0369a1',
  },
  {
    id: 'shrewd',
    label: { zh: '精明型', en: 'Shrewd' },
    // 刁酸型 is only named in the seed; a sharp, hard-to-please bargainer is the closest reading.
    aliases: ['精明型', '精明', '刁酸', '刁酸型', '老练', 'shrewd', 'savvy', 'astute', 'crafty'],
    tips: {
      zh: [
        '对方会拿竞争对手的条件压你，提前备好对比资料。',
        '真诚称赞对方的眼光和谈判能力，但每次让步都要换回对等承诺。',
        '报价留有余地，别一次让到底。',
      ],
      en: [
        'Expect competitors’ offers to be used against you; prepare a comparison in advance.',
        'Credit their judgement and negotiating skill, but trade every concession for a commitment.',
        'Leave room in your quote so you don’t give everything away at once.',
      ],
    },
    icon: '🦊',
    color: '#b45309',
  },
  {
    id: 'difficult',
    label: { zh: '刁蛮型', en: 'Difficult' },
    aliases: [
      '刁蛮型',
      '刁蛮',
      '刁难',
      '蛮横',
      '难缠',
      '无理取闹',
      'difficult',
      'unreasonable',
      'irrational',
      'hard to deal with',
      'demanding',
    ],
    tips: {
      zh: [
        '保持专业和礼貌，不被无理要求牵着走。',
        '事先书面确认范围、价格和交付标准，减少扯皮。',
        '超出约定的要求，明确告诉对方需要额外的费用或时间。',
      ],
      en: [
        'Stay professional and polite, and don’t let unreasonable demands set the agenda.',
        'Confirm scope, price and delivery standards in writing up front to avoid disputes.',
        'For anything beyond the agreement, say clearly that it costs extra time or money.',
      ],
    },
    icon: '🌵',
    color: '#3f6212',
  },
  {
    id: 'irritable',
    label: { zh: '暴躁型', en: 'Short-tempered' },
    aliases: [
      '暴躁型',
      '暴躁',
      '脾气暴躁',
      '急躁',
      '急脾气',
      '易怒',
      'irritable',
      'short-tempered',
      'hot-tempered',
      'quick-tempered',
      'impatient',
    ],
    tips: {
      zh: ['保持冷静，不和对方的情绪硬碰硬。', '说话简短、直奔重点，尽快回应对方关心的问题。', '对方发火时先听，等情绪平复再谈方案。'],
      en: [
        'Stay calm and don’t meet their temper with your own.',
        'Be brief and to the point, and answer what they care about quickly.',
        'When they are angry, listen first and discuss solutions once they have cooled down.',
      ],
    },
    icon: '🌋',
    color: '#dc2626',
  },
  {
    id: 'refusing',
    label: { zh: '完全拒绝型', en: 'Flat refusal' },
    aliases: [
      '完全拒绝',
      '完全拒绝型',
      '拒绝型',
      '拒绝',
      '抗拒',
      '不感兴趣',
      'refusing',
      'rejecting',
      'flat refusal',
      'not interested',
      'closed',
    ],
    tips: {
      zh: ['不要硬推，先弄清拒绝背后的真实原因。', '留下一份简短有用的资料，约定以后再联系的时间。', '换个切入点或换位对接人再试。'],
      en: [
        'Don’t force it; find out the real reason behind the no.',
        'Leave something short and useful, and agree on a time to reconnect.',
        'Try again later from a different angle or through a different contact.',
      ],
    },
    icon: '🚫',
    color: '#991b1b',
  },
  {
    id: 'insincere',
    label: { zh: '虚情假意型', en: 'Noncommittal' },
    aliases: [
      '虚情假意',
      '虚情假意型',
      '口是心非',
      '敷衍型',
      '敷衍',
      '表面热情',
      'insincere',
      'noncommittal',
      'non-committal',
      'two-faced',
    ],
    tips: {
      zh: [
        '对方表面热情却迟迟不表态，跟进时多留一点耐心。',
        '先赢得信任：兑现每一个小承诺。',
        '每次沟通都争取一个具体的下一步，比如试用或确认报价。',
      ],
      en: [
        'They are friendly but never commit, so be patient.',
        'Earn trust first by keeping every small promise.',
        'Ask for one concrete next step in every conversation, such as a trial or a quote sign-off.',
      ],
    },
    icon: '🎭',
    color: '#7e22ce',
  },

  // ------------------------------------------------------------ money
  {
    id: 'haggler',
    label: { zh: '杀价型', en: 'Price haggler' },
    aliases: [
      '杀价型',
      '杀价',
      '砍价',
      '砍价型',
      '讨价还价',
      '压价',
      'haggler',
      'price haggler',
      'haggling',
      'bargainer',
      'bargain hunter',
    ],
    tips: {
      zh: [
        '先把价值讲透，再谈价格。',
        '每次让价都要换条件，比如更大的订单量或更长的合同期。',
        '守住底线，用分项报价说明每一部分值多少钱。',
      ],
      en: [
        'Establish the value before you talk about price.',
        'Make every discount conditional on something: more volume or a longer term.',
        'Know your floor, and use an itemised quote to show what each part is worth.',
      ],
    },
    icon: '🏷️',
    color: '#be123c',
  },
  {
    id: 'stingy',
    label: { zh: '吝啬型', en: 'Penny-pincher' },
    aliases: [
      '吝啬型',
      '吝啬',
      '小气',
      '抠门',
      '精打细算',
      'stingy',
      'penny-pincher',
      'penny-pinching',
      'tight-fisted',
      'frugal',
      'miserly',
    ],
    tips: {
      zh: [
        '用具体的节省金额和回本周期说明投入的价值。',
        '从小额订单或入门配置做起，先建立信任。',
        '突出已包含的增值服务，让对方觉得划算。',
      ],
      en: [
        'Show the value in concrete savings and a payback period.',
        'Start with a small order or an entry configuration to build trust.',
        'Point out the extras already included so they feel they are getting a good deal.',
      ],
    },
    icon: '🪙',
    color: '#854d0e',
  },
  {
    id: 'hard_up',
    label: { zh: '经济困难型', en: 'Tight budget' },
    aliases: [
      '经济困难',
      '经济困难型',
      '资金紧张',
      '预算紧张',
      '预算有限',
      '缺钱',
      'hard-up',
      'hard up',
      'tight budget',
      'budget-constrained',
      'cash-strapped',
    ],
    tips: {
      zh: [
        '先了解预算范围和付款能力，再推荐合适的方案。',
        '提供分期付款、分阶段采购或精简版配置。',
        '留意回款风险，在合同里写清付款节点。',
      ],
      en: [
        'Learn their budget and ability to pay before recommending anything.',
        'Offer instalments, phased purchasing or a leaner configuration.',
        'Watch the credit risk and write clear payment milestones into the contract.',
      ],
    },
    icon: '💸',
    color: '#78716c',
  },
  {
    id: 'greedy',
    label: { zh: '利益型', en: 'Self-interested' },
    // The seed's 贪婪型 advice includes kickbacks. The tips keep its point (discretion,
    // guaranteed terms, firm limits) and route every incentive through compliant channels.
    aliases: ['贪婪型', '贪婪性', '贪婪', '利益型', '图利型', '私利', 'greedy', 'self-interested', 'self-serving', 'benefit-seeking'],
    tips: {
      zh: [
        '对方目的性强，沟通要低调保密，让其觉得稳妥可靠。',
        '在价格、质量和服务上给出有保障的方案，但不超出公司政策。',
        '优惠只走合规渠道（批量折扣、书面返利协议），拒绝任何私下利益往来。',
      ],
      en: [
        'They know exactly what they want; keep discussions discreet and make them feel secure.',
        'Offer guaranteed terms on price, quality and service, within company policy.',
        'Give incentives only through compliant channels such as volume discounts or written rebate agreements, never private benefits.',
      ],
    },
    icon: '💰',
    color: '#92400e',
  },

  // ------------------------------------------------------------ role in the buying organisation
  {
    id: 'task_driven',
    label: { zh: '任务型', en: 'Task-driven' },
    aliases: ['任务型', '任务', '完成任务型', 'task-driven', 'task-oriented', 'task driven', 'delegated buyer'],
    tips: {
      zh: [
        '对方只想把差事办妥：主动替其分析，给出省心的完整方案。',
        '对质量、交期和服务做出明确承诺，让对方放心。',
        '第一次见面就要专业到位，之后及时跟进。',
        '多是一次性业务，价格和服务不宜过度让利。',
      ],
      en: [
        'They just need the job done: do the analysis for them and hand over a complete, low-effort solution.',
        'Make clear commitments on quality, delivery date and service so they can relax.',
        'Make a strong first impression, then follow up promptly.',
        'This is often one-off business; don’t over-discount or over-serve.',
      ],
    },
    icon: '📌',
    color: '#1e40af',
  },
  {
    id: 'owner_minded',
    label: { zh: '主人翁型', en: 'Owner-minded' },
    aliases: ['主人翁型', '主人翁', '主人型', '主人', '当家型', 'owner-minded', 'owner mindset', 'ownership-minded', 'owner minded'],
    tips: {
      zh: [
        '对方把公司的钱当自己的钱：围绕其公司的长期收益和成本讲方案。',
        '提供总拥有成本和投资回报测算，方便其向内部交代。',
        '以长期伙伴的姿态沟通，而不是做一锤子买卖。',
      ],
      en: [
        'They treat the company’s money as their own: frame everything around long-term return and cost to their business.',
        'Provide total-cost-of-ownership and ROI figures they can defend internally.',
        'Present yourself as a long-term partner, not a one-off sale.',
      ],
    },
    icon: '🏠',
    color: '#166534',
  },
  {
    id: 'mixed',
    label: { zh: '综合型', en: 'Mixed' },
    aliases: ['综合型', '综合', '混合型', '混合', 'mixed', 'mixed type', 'composite', 'multi-trait'],
    tips: {
      zh: [
        '对方兼有多种特点，先观察在不同场合下哪种倾向占上风。',
        '根据对方当下的表现灵活调整沟通方式。',
        '把每次的观察记进CRM，帮团队更快摸清对方。',
      ],
      en: [
        'They show several traits; watch which one dominates in each situation.',
        'Adapt your approach to how they behave at the moment.',
        'Log your observations in the CRM so the whole team learns how to handle them.',
      ],
    },
    icon: '🧩',
    color: '#52525b',
  },
];

// ---------------------------------------------------------------- matching

/**
 * Traditional -> simplified, for the characters the aliases and the decorations use, so values
 * typed in Taiwan or Hong Kong CRMs match too. Pairs of (traditional, simplified); nothing
 * else is converted.
 */
const TRAD_TO_SIMP = new Map<string, string>(
  (
    '猶犹優优斷断決决舉举衝冲動动緒绪質质乾干從从靜静條条謹谨剛刚穩稳問问題题愛爱內内嘮唠囉啰話话說说氣气隨随藹蔼關关係系' +
    '驕骄權权誇夸虛虚榮荣雞鸡裡里執执頑顽強强搶抢爭争現现對对槓杠騷骚發发練练蠻蛮難难纏缠無无鬧闹絕绝興兴熱热殺杀討讨' +
    '價价還还壓压嗇啬摳抠門门計计經经濟济資资緊紧預预錢钱貪贪圖图務务當当綜综數数據据戶户顧顾類类'
  )
    .match(/../gu)
    ?.map((pair) => [pair[0] as string, pair[1] as string]) ?? [],
);
const TRAD_CHARS = new RegExp(`[${[...TRAD_TO_SIMP.keys()].join('')}]`, 'gu');
const toSimplified = (ch: string) => TRAD_TO_SIMP.get(ch) ?? ch;

/** Whitespace, punctuation (incl. full-width and _ -) and symbols (incl. emoji) carry no meaning here. */
const NOISE = /[\s\p{P}\p{S}]+/gu;

/**
 * Decorations people add around the type name ("犹豫型客户", "Analytical type"). Stripped from
 * the end, repeatedly, before the exact lookup. 性 is deliberately absent: it would turn 理性
 * into 理. Order matters: longer decorations first.
 */
const SUFFIXES = ['customer', 'personality', 'client', 'buyer', 'type', '客户', '顾客', '客人', '类型', '性格', '型', '类'];

/**
 * Aliases too common as plain words to trust inside a longer text ("客户关系好" is not a
 * relationship-driven buyer). They match exactly; the Chinese ones also match inside a
 * longer text when written with 型 ("性格：问题型").
 */
const EXACT_ONLY = new Set([
  '问题',
  '任务',
  '关系',
  '主人',
  '综合',
  '混合',
  '冷静',
  '理性',
  'relationship',
  'mixed',
  'closed',
  'feeling',
  'logical',
]);

function clean(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(TRAD_CHARS, toSimplified).replace(NOISE, '');
}

function stripSuffixes(s: string): string {
  let out = s;
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of SUFFIXES) {
      if (out.length > suffix.length && out.endsWith(suffix)) {
        out = out.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  return out;
}

const CJK = /\p{Script=Han}/u;

interface Needle {
  text: string;
  id: string;
}

/** Built once: exact keys, and the substrings to look for, longest first. */
const { EXACT, NEEDLES } = (() => {
  const exact = new Map<string, string>();
  const needles = new Map<string, string>();
  for (const type of PERSONALITY_TYPES) {
    for (const alias of [type.id, type.label.zh, type.label.en, ...type.aliases]) {
      const key = stripSuffixes(clean(alias));
      if (key.length < 2) throw new Error(`personality alias "${alias}" (${type.id}) is too short to match safely`);
      const owner = exact.get(key);
      // A shared alias would make the match depend on catalogue order: a catalogue bug.
      if (owner !== undefined && owner !== type.id) throw new Error(`personality alias "${alias}" belongs to both ${owner} and ${type.id}`);
      exact.set(key, type.id);
      const needle = !EXACT_ONLY.has(key) ? key : CJK.test(key) ? `${key}型` : null;
      if (needle !== null) needles.set(needle, type.id);
    }
  }
  const list: Needle[] = [...needles].map(([text, id]) => ({ text, id }));
  list.sort((a, b) => b.text.length - a.text.length); // stable: ties keep catalogue order
  return { EXACT: exact, NEEDLES: list };
})();

function match(text: string): string | null {
  const cleaned = clean(text);
  if (cleaned === '') return null;
  const exact = EXACT.get(stripSuffixes(cleaned));
  if (exact !== undefined) return exact;
  // Longest alias found in the text wins; among equally long ones, the one written first
  // ("犹豫型，分析型" is hesitant first).
  let best: string | null = null;
  let bestLength = 0;
  let bestAt = Number.POSITIVE_INFINITY;
  for (const n of NEEDLES) {
    if (n.text.length < bestLength) break;
    const at = cleaned.indexOf(n.text);
    if (at >= 0 && at < bestAt) {
      best = n.id;
      bestLength = n.text.length;
      bestAt = at;
    }
  }
  return best;
}

/**
 * A tenant has a handful of distinct values in its personality field, repeated over every
 * account, so results are memoised. Bounded: cleared wholesale when full, which keeps the
 * common case (few distinct values) allocation-free and the worst case small.
 */
const CACHE_LIMIT = 1024;
const cache = new Map<string, string | null>();

/**
 * The id of the catalogue type a CRM value names, or null when it names none. Exact alias
 * first (ignoring case, width, spacing, punctuation, traditional characters and a trailing
 * 型/类/客户/type/customer), else the longest alias contained in the text.
 */
export function matchPersonality(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const result = text.length > 500 ? match(text.slice(0, 500)) : match(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, result);
  return result;
}
