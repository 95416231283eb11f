/**
 * Deterministic synthetic CRM accounts for the engine benchmark.
 *
 * Account i depends only on (seed, i, anchorMs): any subset can be regenerated on its own, and
 * two runs with the same arguments produce the same accounts. Per account: 0-200 orders (won,
 * lost, open; amounts log-normal), 0-500 interactions across every kind, 0-10 surveys (CSAT 1-5,
 * NPS 0-10), referrals, flags, attributes (employees and annual revenue sometimes missing) and,
 * sometimes, a personality text. Archetypes (prospect, new, dormant, churned, enterprise,
 * key/strategic) make sure every tier of the default playbook is reached.
 *
 * Dates are ISO 8601 strings with a 'Z' at second resolution, each item its own string (see
 * IsoFormatter). A small share of items is dated after the anchor, to exercise the "ignore the
 * future" rule, and a few closed orders are undated.
 */
import { PERSONALITY_TYPES } from '../shared/personality.ts';
import type { AccountSnapshot, Interaction, Order, Survey } from '../shared/schema.ts';

const DAY = 86_400_000;

/** sfc32: small, fast, good enough for synthetic data; state from a 32-bit hash of (seed, i). */
export type Rng = () => number;

function hash32(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export function rngFor(seed: number, index: number): Rng {
  let a = hash32(seed, index);
  let b = hash32(a, 1);
  let c = hash32(b, 2);
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
/** Standard normal by Box-Muller (one value per call; the pair's twin is dropped for simplicity). */
const normal = (r: Rng) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

/**
 * Fresh ISO strings ('2026-11-23T08:15:42.000Z'), one new flat string per dated item, allocated
 * in account order as JSON.parse would allocate them for a connector's response. (Interning them
 * would save ~1.4 GB at 100,000 accounts, but scatters the strings across the heap and turns every
 * date parse into a cache miss: that measured memory latency, not the engine.) Built from cached
 * day and time-of-day bytes: ~5x cheaper than Date#toISOString.
 */
class IsoFormatter {
  private readonly days = new Map<number, Buffer>();
  private readonly times = Buffer.alloc(86_400 * 13);
  private readonly buf = Buffer.alloc(24);
  constructor() {
    for (let t = 0; t < 86_400; t++) {
      const hh = String(Math.floor(t / 3600)).padStart(2, '0');
      const mm = String(Math.floor(t / 60) % 60).padStart(2, '0');
      const ss = String(t % 60).padStart(2, '0');
      this.times.write(`${hh}:${mm}:${ss}.000Z`, t * 13, 'latin1');
    }
  }
  /** The ISO string of `ms`, truncated to the second. */
  get(ms: number): string {
    const day = Math.floor(ms / DAY);
    let prefix = this.days.get(day);
    if (prefix === undefined) {
      prefix = Buffer.from(new Date(day * DAY).toISOString().slice(0, 11), 'latin1');
      this.days.set(day, prefix);
    }
    const sec = Math.floor((ms - day * DAY) / 1000);
    prefix.copy(this.buf, 0, 0, 11);
    this.times.copy(this.buf, 11, sec * 13, sec * 13 + 13);
    return this.buf.toString('latin1', 0, 24);
  }
}

const ORDER_IDS: string[] = Array.from({ length: 200 }, (_, k) => `o${k + 1}`);
/** Interaction kinds with weights: email and web events are common, visits rare. */
const KIND_TABLE: readonly Interaction['kind'][] = (
  [
    ['call', 4],
    ['email', 6],
    ['meeting', 2],
    ['visit', 1],
    ['ticket', 2],
    ['chat', 3],
    ['web', 5],
    ['other', 1],
  ] as const
).flatMap(([k, w]) => Array<Interaction['kind']>(w).fill(k));
const CATEGORIES = ['hardware', 'software', 'services', 'support', 'training', 'consumables'];
const INDUSTRIES = ['manufacturing', 'retail', 'finance', 'healthcare', 'education', 'logistics', 'energy', 'software'];
const REGIONS = ['华东', '华南', '华北', '西南', 'EMEA', 'NA', 'APAC'];
const JUNK_PERSONALITY = ['n/a', '待定', 'unknown', '—', 'VIP', '好客户', 'see notes', '???'];

type Archetype = 'prospect' | 'new' | 'dormant' | 'churned' | 'steady' | 'enterprise' | 'growing';
const ARCHETYPES: readonly [Archetype, number][] = [
  ['prospect', 0.08],
  ['new', 0.07],
  ['dormant', 0.08],
  ['churned', 0.1],
  ['steady', 0.45],
  ['growing', 0.15],
  ['enterprise', 0.07],
];

function archetype(r: Rng): Archetype {
  let x = r();
  for (const [a, p] of ARCHETYPES) {
    if (x < p) return a;
    x -= p;
  }
  return 'steady';
}

export interface GeneratorOptions {
  seed?: number;
  /** Evaluation time the history is built around (epoch ms). */
  anchorMs: number;
}

/** One account, from (seed, index, anchor) alone. Pass one formatter across calls to reuse its tables. */
export function syntheticAccount(index: number, seed: number, anchorMs: number, dates: IsoFormatter = new IsoFormatter()): AccountSnapshot {
  const r = rngFor(seed, index);
  const kind = archetype(r);
  const iso = (ms: number) => dates.get(ms);
  // The account's active period, as days before the anchor: [activeFrom, activeTo].
  const historyDays = int(r, 30, 1800);
  let activeTo = 0; // days before anchor of the latest activity
  let activeFrom = historyDays;
  switch (kind) {
    case 'new':
      activeFrom = int(r, 1, 85);
      break;
    case 'dormant':
      activeTo = int(r, 181, 360);
      activeFrom = Math.max(activeTo, historyDays);
      break;
    case 'churned':
      activeTo = int(r, 366, 900);
      activeFrom = activeTo + int(r, 0, 900);
      break;
    default:
      activeTo = int(r, 0, 40);
  }
  const span = Math.max(1, activeFrom - activeTo);
  // bias 0: uniform over the active period; 1, 2: more and more weight on the recent end.
  const skew = (u: number, bias: number) => (bias === 0 ? u : bias === 1 ? u * u : u * u * u);
  const when = (bias = 0, over = span) => anchorMs - (activeTo + over * skew(r(), bias)) * DAY - Math.floor(r() * 86_400) * 1000;

  // ---------------------------------------------------------------- orders
  const nOrders = kind === 'prospect' ? int(r, 0, 6) : int(r, 0, 200);
  const mu = kind === 'enterprise' ? 12.2 : kind === 'growing' ? 10 : 9;
  const sigma = kind === 'enterprise' ? 1.1 : 1.5;
  const orders: Order[] = new Array(nOrders);
  const onlyOne = kind === 'dormant' && r() < 0.5;
  let wonSoFar = 0;
  for (let k = 0; k < nOrders; k++) {
    const x = r();
    let status: Order['status'] = x < 0.66 ? 'won' : x < 0.96 ? 'lost' : 'open';
    if (kind === 'prospect' && status === 'won') status = 'lost';
    if (onlyOne && status === 'won' && wonSoFar++ > 0) status = 'lost';
    const amount = Math.round(Math.exp(mu + sigma * normal(r)) * 100) / 100;
    const o: Order = { id: ORDER_IDS[k] as string, amount, status };
    if (status === 'open') {
      if (r() < 0.6) o.closedAt = iso(anchorMs + int(r, 1, 120) * DAY);
    } else if (r() < 0.995) {
      // Recent-biased for growing accounts; a few future-dated items (0.5%) to be ignored.
      o.closedAt = iso(r() < 0.005 ? anchorMs + int(r, 1, 60) * DAY : when(kind === 'growing' ? 1 : 0));
    }
    if (r() < 0.5) o.category = pick(r, CATEGORIES);
    orders[k] = o;
  }

  // ---------------------------------------------------------------- interactions
  const nInteractions = int(r, 0, 500);
  // Recency bias: engaged accounts touch more in the last months.
  const bias = kind === 'churned' || kind === 'dormant' ? 0 : pick(r, [0, 0, 0, 1, 2]);
  // Touches spread over at least two years (and up to five): most accounts are not in weekly contact.
  const touchSpan = Math.max(span, int(r, 730, 1825));
  const interactions: Interaction[] = new Array(nInteractions);
  for (let k = 0; k < nInteractions; k++) {
    const future = r() < 0.003;
    interactions[k] = {
      kind: KIND_TABLE[Math.floor(r() * KIND_TABLE.length)] as Interaction['kind'],
      at: iso(future ? anchorMs + int(r, 1, 30) * DAY : when(bias, touchSpan)),
    };
  }

  const s: AccountSnapshot = {
    crm: index % 3 === 0 ? 'fxiaoke' : 'zoho',
    id: `acc-${seed}-${index}`,
    name: `Synthetic account ${index}`,
    orders,
    interactions,
  };
  if (r() < 0.9) s.createdAt = iso(anchorMs - (activeFrom + int(r, 0, 200)) * DAY);
  s.currency = r() < 0.7 ? 'CNY' : 'USD';

  // ---------------------------------------------------------------- surveys
  const nSurveys = int(r, 0, 10);
  if (nSurveys > 0 || r() < 0.5) {
    const surveys: Survey[] = [];
    const happy = r();
    for (let k = 0; k < nSurveys; k++) {
      const at = iso(when());
      if (r() < 0.6) surveys.push({ kind: 'csat', score: Math.max(1, Math.min(5, Math.round(1 + 4 * happy + normal(r) * 0.9))), at });
      else surveys.push({ kind: 'nps', score: Math.max(0, Math.min(10, Math.round(10 * happy + normal(r) * 2))), at });
    }
    s.surveys = surveys;
  }

  // ---------------------------------------------------------------- referrals, flags, attributes
  if (r() < 0.25) {
    const n = int(r, 1, 4);
    s.referrals = Array.from({ length: n }, () => ({ at: iso(when()) }));
  }
  const flags: Record<string, boolean> = {};
  const big = kind === 'enterprise';
  if (r() < (big ? 0.3 : 0.02)) flags.annualAgreement = true;
  else if (r() < 0.1) flags.annualAgreement = false;
  if (r() < (big ? 0.3 : 0.04)) flags.keyAccount = true;
  else if (r() < 0.1) flags.keyAccount = false;
  if (r() < 0.05) flags.doNotCall = true;
  if (Object.keys(flags).length > 0 || r() < 0.5) s.flags = flags;

  const attributes: NonNullable<AccountSnapshot['attributes']> = {};
  if (r() < 0.7) attributes.employees = Math.round(Math.exp((big ? 7 : 4) + 1.6 * normal(r)));
  if (r() < 0.6) attributes.annualRevenue = Math.round(Math.exp((big ? 18.5 : 15.5) + 1.5 * normal(r)));
  if (r() < 0.8) attributes.industry = pick(r, INDUSTRIES);
  if (r() < 0.6) attributes.region = pick(r, REGIONS);
  if (r() < 0.3) attributes.type = pick(r, ['ordinary', 'commercial', 'high-end']);
  if (Object.keys(attributes).length > 0) s.attributes = attributes;

  if (r() < 0.1) s.overdueAmount = Math.round(Math.exp(8 + normal(r)) * 100) / 100;

  const p = r();
  if (p < 0.3) {
    const type = pick(r, PERSONALITY_TYPES);
    const alias = pick(r, [type.id, type.label.zh, type.label.en, ...type.aliases]);
    s.personality = r() < 0.2 ? ` ${alias.toUpperCase()}客户 ` : alias;
  } else if (p < 0.38) {
    s.personality = pick(r, JUNK_PERSONALITY);
  }
  if (r() < 0.3) s.fields = { tier_override: null, source: pick(r, ['web', 'fair', 'referral', 'outbound']) };
  return s;
}

/** `n` accounts, in index order. */
export function* syntheticAccounts(n: number, seed: number, anchorMs: number): Generator<AccountSnapshot> {
  const dates = new IsoFormatter();
  for (let i = 0; i < n; i++) yield syntheticAccount(i, seed, anchorMs, dates);
}

export function generateAccounts(
  n: number,
  seed: number,
  anchorMs: number,
  from = 0,
  dates: IsoFormatter = new IsoFormatter(),
): AccountSnapshot[] {
  const out: AccountSnapshot[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = syntheticAccount(from + i, seed, anchorMs, dates);
  return out;
}

export { IsoFormatter };
