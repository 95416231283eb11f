// The demo CRM: the synthetic data set (deterministic, valid, reaching every tier of the default
// playbook), its connector (lookups, paging, fault injection) and its web pages (escaping, hooks).
import { describe, expect, it } from 'vitest';
import {
  type AccountSnapshot,
  AccountSnapshotSchema,
  compileRules,
  computePopulationStats,
  DEFAULT_PLAYBOOK,
  decideTiers,
  PERSONALITY_TYPES,
  type PopulationStats,
} from '../../shared/index.ts';
import {
  createDemoConnector,
  DEMO_ACCOUNT_COUNT,
  DEMO_FEATURED,
  DEMO_HOSTILE_NAME,
  DEMO_PAGE_SIZE,
  DEMO_SPECIAL,
  type DemoConnectorOptions,
  generateDemoAccounts,
  startOfUtcDay,
} from '../../worker/connectors/demo/index.ts';
import { ConnectorError, type ConnectorErrorKind } from '../../worker/connectors/types.ts';
import { DEMO_PAGE_PATHS, escapeHtml, renderDemoDetail, renderDemoList, renderDemoNotFound } from '../../worker/demo/page.ts';

const DAY = 86_400_000;
const ANCHOR = Date.parse('2026-11-23T00:00:00Z');
const compiled = compileRules(DEFAULT_PLAYBOOK);
const accounts = generateDemoAccounts(ANCHOR);
const stats = computePopulationStats(compiled, accounts, ANCHOR);

function tiersOf(list: readonly AccountSnapshot[], asOf: number, withStats: PopulationStats | null): Map<string, Record<string, string>> {
  return new Map(list.map((a) => [a.id, decideTiers(compiled, a, asOf, withStats)]));
}

/** dimension -> tier -> number of accounts, with every tier of the playbook present (0 when unreached). */
function coverage(tiers: Map<string, Record<string, string>>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const d of DEFAULT_PLAYBOOK.dimensions) out[d.id] = Object.fromEntries(d.tiers.map((t) => [t.id, 0]));
  for (const byDim of tiers.values()) {
    for (const [dim, tier] of Object.entries(byDim)) {
      const counts = out[dim] as Record<string, number>;
      counts[tier] = (counts[tier] ?? 0) + 1;
    }
  }
  return out;
}

const unreached = (cov: Record<string, Record<string, number>>, skip: (dim: string, tier: string) => boolean = () => false) =>
  Object.entries(cov).flatMap(([dim, tiers]) =>
    Object.entries(tiers)
      .filter(([tier, n]) => n === 0 && !skip(dim, tier))
      .map(([tier]) => `${dim}.${tier}`),
  );

describe('demo data set', () => {
  it('has 300 accounts with unique Zoho-like ids, all from the demo CRM', () => {
    expect(accounts).toHaveLength(DEMO_ACCOUNT_COUNT);
    expect(DEMO_ACCOUNT_COUNT).toBe(300);
    expect(new Set(accounts.map((a) => a.id)).size).toBe(accounts.length);
    for (const a of accounts) {
      expect(a.id).toMatch(/^4876876000000\d{6}$/);
      expect(a.crm).toBe('demo');
    }
    expect(new Set(accounts.map((a) => a.name)).size).toBe(accounts.length);
  });

  it('passes AccountSnapshotSchema, every snapshot', () => {
    const bad = accounts.flatMap((a) => {
      const r = AccountSnapshotSchema.safeParse(a);
      return r.success ? [] : [{ id: a.id, issues: r.error.issues.slice(0, 3) }];
    });
    expect(bad).toEqual([]);
  });

  it('dates nothing after the anchor, except the expected close of open deals', () => {
    const late: string[] = [];
    const check = (id: string, what: string, iso: string | undefined) => {
      if (iso !== undefined && Date.parse(iso) > ANCHOR) late.push(`${id} ${what} ${iso}`);
    };
    for (const a of accounts) {
      check(a.id, 'createdAt', a.createdAt);
      for (const o of a.orders ?? []) if (o.status !== 'open') check(a.id, `order ${o.id}`, o.closedAt);
      for (const i of a.interactions ?? []) check(a.id, 'interaction', i.at);
      for (const s of a.surveys ?? []) check(a.id, 'survey', s.at);
      for (const r of a.referrals ?? []) check(a.id, 'referral', r.at);
    }
    expect(late).toEqual([]);
  });

  it('mixes Chinese and English names, currencies, owners and personality texts', () => {
    const chinese = accounts.filter((a) => /[\u4e00-\u9fff]/.test(a.name)).length;
    expect(chinese).toBeGreaterThan(100);
    expect(accounts.length - chinese).toBeGreaterThan(80);
    expect(new Set(accounts.map((a) => a.currency))).toEqual(new Set(['CNY', 'USD', undefined]));
    const owners = new Set(accounts.map((a) => a.attributes?.owner));
    expect([...owners].some((o) => o && /[\u4e00-\u9fff]/.test(o))).toBe(true);
    expect([...owners].some((o) => o && /^[A-Z][a-z]+ [A-Z]/.test(o))).toBe(true);
    expect(accounts.some((a) => a.personality === '')).toBe(true);
    expect(accounts.some((a) => a.personality === undefined)).toBe(true);
    expect(accounts.some((a) => a.fields && Object.keys(a.fields).length > 0)).toBe(true);
  });

  it('is deterministic: the same anchor gives byte-identical output, in fresh objects', () => {
    const again = generateDemoAccounts(ANCHOR);
    expect(JSON.stringify(again)).toBe(JSON.stringify(accounts));
    expect(again[0]).not.toBe(accounts[0]);
  });

  it('moves with the anchor: another day gives the same accounts and the same tiers', () => {
    const later = ANCHOR + 137 * DAY;
    const shifted = generateDemoAccounts(later);
    expect(shifted.map((a) => a.id)).toEqual(accounts.map((a) => a.id));
    expect(shifted[0]?.createdAt).not.toBe(accounts[0]?.createdAt);
    const laterStats = computePopulationStats(compiled, shifted, later);
    expect(tiersOf(shifted, later, laterStats)).toEqual(tiersOf(accounts, ANCHOR, stats));
    expect(tiersOf(shifted, later, null)).toEqual(tiersOf(accounts, ANCHOR, null));
  });

  it('keeps its tiers all day: evaluated a minute before the next anchor, nothing changes', () => {
    const endOfDay = ANCHOR + DAY - 60_000;
    const endStats = computePopulationStats(compiled, accounts, endOfDay);
    expect(tiersOf(accounts, endOfDay, endStats)).toEqual(tiersOf(accounts, ANCHOR, stats));
    expect(tiersOf(accounts, endOfDay, null)).toEqual(tiersOf(accounts, ANCHOR, null));
  });
});

describe('demo data reaches every tier of the default playbook', () => {
  const withStats = coverage(tiersOf(accounts, ANCHOR, stats));
  const withoutStats = coverage(tiersOf(accounts, ANCHOR, null));

  it('with population statistics: every tier of every dimension', () => {
    // Pyramid "unknown" is only for when no statistics exist.
    expect(unreached(withStats, (dim, tier) => dim === 'pyramid' && tier === 'unknown')).toEqual([]);
    expect(withStats.pyramid?.unknown).toBe(0);
  });

  it('without statistics: value falls back to fixed amounts, pyramid is unknown, the rest is reached', () => {
    expect(withoutStats.value).toEqual({ high: expect.any(Number), medium: expect.any(Number), low: expect.any(Number) });
    for (const tier of ['high', 'medium', 'low']) expect(withoutStats.value?.[tier]).toBeGreaterThan(0);
    expect(withoutStats.pyramid?.unknown).toBe(accounts.length);
    expect(unreached(withoutStats, (dim) => dim === 'pyramid')).toEqual([]);
  });

  it('value and pyramid follow the percentiles when statistics exist', () => {
    const n = accounts.length;
    // Top 20% by amount won in 365 days (ties may add a few); the pyramid's A is the top 5%.
    expect(withStats.value?.high).toBeGreaterThanOrEqual(Math.floor(n * 0.2) - 1);
    expect(withStats.value?.high).toBeLessThanOrEqual(Math.ceil(n * 0.2) + 2);
    expect(withStats.pyramid?.a).toBeGreaterThanOrEqual(Math.floor(n * 0.05) - 1);
    expect(withStats.pyramid?.a).toBeLessThanOrEqual(Math.ceil(n * 0.05) + 2);
  });

  it('personality: at least 10 catalogue types, and unknown', () => {
    const types = Object.entries(withStats.personality ?? {}).filter(([tier, count]) => tier !== 'unknown' && count > 0);
    expect(types.length).toBeGreaterThanOrEqual(10);
    expect(types.every(([tier]) => PERSONALITY_TYPES.some((p) => p.id === tier))).toBe(true);
    expect(withStats.personality?.unknown).toBeGreaterThan(0);
  });

  it.each(Object.entries(DEMO_FEATURED))('featured %s account holds its relationship tier, with and without statistics', (tier, id) => {
    const account = accounts.find((a) => a.id === id) as AccountSnapshot;
    expect(account).toBeDefined();
    expect(decideTiers(compiled, account, ANCHOR, stats).relationship).toBe(tier);
    expect(decideTiers(compiled, account, ANCHOR, null).relationship).toBe(tier);
  });

  it('features one account for every relationship tier', () => {
    const relationship = DEFAULT_PLAYBOOK.dimensions.find((d) => d.id === 'relationship');
    expect(Object.keys(DEMO_FEATURED).sort()).toEqual(relationship?.tiers.map((t) => t.id).sort());
  });
});

// ---------------------------------------------------------------- pages

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const hostile = accounts.find((a) => a.id === DEMO_SPECIAL.hostile) as AccountSnapshot;

/** Markup that must never come out of CRM data. */
const RAW_MARKUP = ['<img', '<script', '<svg', '<iframe', '<b>', "onmouseover='"];

describe('demo CRM pages', () => {
  it.each(['zh', 'en'] as const)('list (%s): one row per account with the extension hooks', (lang) => {
    const html = renderDemoList(accounts, { lang });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(count(html, '<tr data-account-id="')).toBe(accounts.length);
    for (const a of accounts) {
      expect(html).toContain(
        `<tr data-account-id="${a.id}"><td class="account-name"><a href="/demo/accounts/${a.id}?lang=${lang}">${escapeHtml(a.name)}</a></td>`,
      );
    }
    expect(html).toContain('TierLens Demo CRM');
    expect(html).toContain('演示 CRM');
    expect(html).toContain(lang === 'zh' ? '客户名称' : 'Account name');
    expect(html).toContain(`<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`);
  });

  it('list: the hostile name is rendered as text', () => {
    const html = renderDemoList(accounts, { lang: 'en' });
    expect(hostile.name).toBe(DEMO_HOSTILE_NAME);
    for (const raw of RAW_MARKUP) expect(html).not.toContain(raw);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it.each(['zh', 'en'] as const)('detail (%s): record header hook, details and related lists', (lang) => {
    const a = accounts.find((x) => x.id === DEMO_FEATURED.key) as AccountSnapshot;
    const html = renderDemoDetail(a, { lang });
    expect(html).toMatch(
      new RegExp(`<header class="record-header" data-record-id="${a.id}">\\s*<h1 class="record-name">上海金丰易居</h1>`),
    );
    expect(count(html, 'data-record-id=')).toBe(1);
    expect(count(html, '<tr data-deal-id="')).toBe(a.orders?.length);
    expect(html).toContain(lang === 'zh' ? '商机 / 订单' : 'Deals / orders');
    expect(html).toContain(lang === 'zh' ? '活动记录' : 'Activities');
    expect(html).toContain('CNY 1,200,000');
    expect(html).toContain(`href="/demo/accounts?lang=${lang}"`);
  });

  it('detail: every CRM string of the hostile account is escaped, in text and attributes', () => {
    for (const lang of ['zh', 'en'] as const) {
      const html = renderDemoDetail(hostile, { lang });
      for (const raw of RAW_MARKUP) expect(html).not.toContain(raw);
      expect(html).toContain('<h1 class="record-name">&lt;img src=x onerror=alert(1)&gt;</h1>');
      expect(html).toContain('&lt;script&gt;alert(&quot;industry&quot;)&lt;/script&gt;');
      expect(html).toContain('&lt;b&gt;Mallory&lt;/b&gt; &amp; Co');
      expect(html).toContain('Quote&quot;Key');
      expect(html).toContain('&quot;&gt;&lt;svg onload=alert(2)&gt;');
      expect(html).toContain('&amp;amp; already escaped?');
    }
  });

  it('pages are offline: no scripts, no external resources', () => {
    const pages = [
      renderDemoList(accounts, { lang: 'zh' }),
      ...accounts.slice(0, 20).map((a) => renderDemoDetail(a, { lang: 'en' })),
      renderDemoNotFound('<nope>', { lang: 'en' }),
    ];
    for (const html of pages) {
      expect(html).not.toMatch(/<script|<link|<iframe|(?:src|href)="(?:https?:)?\/\//i);
    }
  });

  it('a very long name renders whole, escaped, and wraps', () => {
    const a = accounts.find((x) => x.id === DEMO_SPECIAL.longName) as AccountSnapshot;
    expect(a.name.length).toBeGreaterThan(250);
    expect(renderDemoDetail(a, { lang: 'zh' })).toContain(`<h1 class="record-name">${escapeHtml(a.name)}</h1>`);
  });

  it('links honour a custom mount point, and ids are URL-encoded', () => {
    const odd: AccountSnapshot = { crm: 'demo', id: 'a/b?c"d', name: 'Odd' };
    const html = renderDemoList([odd], { lang: 'en', basePath: '/crm-demo' });
    expect(html).toContain('<tr data-account-id="a/b?c&quot;d">');
    expect(html).toContain('href="/crm-demo/accounts/a%2Fb%3Fc%22d?lang=en"');
    expect(DEMO_PAGE_PATHS.detail).toBe('/demo/accounts/{id}');
  });

  it('escapeHtml escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

// ---------------------------------------------------------------- connector

describe('demo connector', () => {
  const ctx = { now: ANCHOR + 5 * 3_600_000 };

  it('serves the data set of the UTC day of ctx.now', async () => {
    const c = createDemoConnector();
    expect(c.id).toBe('demo');
    expect(startOfUtcDay(ctx.now)).toBe(ANCHOR);
    expect(await c.getAccount(DEMO_FEATURED.vip, ctx)).toEqual(accounts.find((a) => a.id === DEMO_FEATURED.vip));
  });

  it('getAccount: null for an unknown id', async () => {
    expect(await createDemoConnector().getAccount('4876876000000999999', ctx)).toBeNull();
  });

  it('getAccounts: the known ids only', async () => {
    const c = createDemoConnector();
    const ids = [DEMO_FEATURED.key, 'nope', DEMO_FEATURED.new, '', DEMO_FEATURED.key];
    const got = await c.getAccounts(ids, ctx);
    expect([...got.keys()].sort()).toEqual([DEMO_FEATURED.key, DEMO_FEATURED.new].sort());
    expect(got.get(DEMO_FEATURED.new)?.name).toBe('成都瑞康医药有限公司');
  });

  it('returns copies: mutating a result does not change the CRM', async () => {
    const c = createDemoConnector();
    const a = (await c.getAccount(DEMO_FEATURED.key, ctx)) as AccountSnapshot;
    a.name = 'changed';
    a.orders?.splice(0);
    const b = (await c.getAccount(DEMO_FEATURED.key, ctx)) as AccountSnapshot;
    expect(b.name).toBe('上海金丰易居');
    expect(b.orders?.length).toBeGreaterThan(0);
  });

  it('listAccounts: pages of 100 with a numeric cursor, every account once', async () => {
    const c = createDemoConnector();
    const seen: string[] = [];
    const cursors: (string | undefined)[] = [];
    let cursor: string | undefined;
    do {
      const page = await c.listAccounts(ctx, cursor);
      expect(page.accounts.length).toBeLessThanOrEqual(DEMO_PAGE_SIZE);
      seen.push(...page.accounts.map((a) => a.id));
      cursor = page.cursor;
      cursors.push(cursor);
    } while (cursor !== undefined);
    expect(cursors).toEqual(['100', '200', undefined]);
    expect(seen).toEqual(accounts.map((a) => a.id));
  });

  it.each(['abc', '-1', '1.5', '', '0x10', '301', '99999999999'])('listAccounts: bad cursor %j is a RangeError', async (cursor) => {
    await expect(createDemoConnector().listAccounts(ctx, cursor)).rejects.toBeInstanceOf(RangeError);
  });

  it.each(['unavailable', 'timeout', 'auth', 'rate_limited', 'bad_response'] as const)(
    'failWith %s: every call throws ConnectorError',
    async (kind) => {
      const c = createDemoConnector({ failWith: kind });
      for (const call of [
        () => c.getAccount(DEMO_FEATURED.key, ctx),
        () => c.getAccounts([DEMO_FEATURED.key], ctx),
        () => c.listAccounts(ctx),
      ]) {
        const err = await call().then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(ConnectorError);
        expect((err as ConnectorError).kind).toBe(kind);
        expect((err as ConnectorError).crm).toBe('demo');
        expect((err as ConnectorError).retryAfter).toBe(kind === 'rate_limited' ? 30 : undefined);
      }
    },
  );

  it('failWith can be flipped on a live connector (an outage after a good call)', async () => {
    const options: DemoConnectorOptions = {};
    const c = createDemoConnector(options);
    expect(await c.getAccount(DEMO_FEATURED.key, ctx)).not.toBeNull();
    options.failWith = 'unavailable' satisfies ConnectorErrorKind;
    await expect(c.getAccount(DEMO_FEATURED.key, ctx)).rejects.toMatchObject({ name: 'ConnectorError', kind: 'unavailable' });
    delete options.failWith;
    expect(await c.getAccount(DEMO_FEATURED.key, ctx)).not.toBeNull();
  });

  it('latencyMs delays the answer; aborting the signal ends the wait with a timeout', async () => {
    const slow = createDemoConnector({ latencyMs: 30 });
    const t0 = performance.now();
    await slow.getAccount(DEMO_FEATURED.key, ctx);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);

    const stuck = createDemoConnector({ latencyMs: 60_000 });
    const controller = new AbortController();
    const pending = stuck.getAccount(DEMO_FEATURED.key, { ...ctx, signal: controller.signal });
    controller.abort(new Error('client went away'));
    await expect(pending).rejects.toMatchObject({ name: 'ConnectorError', kind: 'timeout' });
    await expect(stuck.getAccount(DEMO_FEATURED.key, { ...ctx, signal: controller.signal })).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('a new UTC day moves the dates, not the accounts', async () => {
    const c = createDemoConnector();
    const today = (await c.getAccount(DEMO_FEATURED.strategic, ctx)) as AccountSnapshot;
    const tomorrow = (await c.getAccount(DEMO_FEATURED.strategic, { now: ctx.now + DAY })) as AccountSnapshot;
    expect(tomorrow.name).toBe(today.name);
    expect(Date.parse(tomorrow.createdAt as string) - Date.parse(today.createdAt as string)).toBe(DAY);
  });
});
