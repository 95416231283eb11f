/** The demo CRM's pages under /demo (local development only: DEMO_MODE on). */
import type { AccountSnapshot, Lang } from '../../shared/index.ts';
import type { App } from '../app.ts';
import { generateDemoAccounts, startOfUtcDay } from '../connectors/demo/index.ts';
import type { AppContext } from '../context.ts';
import { DEMO_PAGE_CSP, renderDemoDetail, renderDemoList, renderDemoNotFound } from '../demo/page.ts';
import { ApiError } from '../errors.ts';
import { fromAcceptLanguage } from '../lang.ts';

let day: { anchor: number; accounts: AccountSnapshot[]; byId: Map<string, AccountSnapshot> } | undefined;

function demoAccounts(now: number) {
  const anchor = startOfUtcDay(now);
  if (day?.anchor !== anchor) {
    const accounts = generateDemoAccounts(anchor);
    day = { anchor, accounts, byId: new Map(accounts.map((a) => [a.id, a])) };
  }
  return day;
}

function pageLang(c: AppContext): Lang {
  const q = c.req.query('lang');
  return q === 'zh' || q === 'en' ? q : fromAcceptLanguage(c.req.header('accept-language'));
}

function page(c: AppContext, html: string, status: 200 | 404 = 200) {
  return c.html(html, status, { 'Content-Security-Policy': DEMO_PAGE_CSP, 'X-Content-Type-Options': 'nosniff' });
}

export function registerDemoPages(app: App) {
  app.use('/demo/*', async (c, next) => {
    if (!c.var.settings.demoMode) throw new ApiError('not_found', 'The demo CRM is only served in local development');
    await next();
  });
  app.use('/demo', async (c, next) => {
    if (!c.var.settings.demoMode) throw new ApiError('not_found', 'The demo CRM is only served in local development');
    await next();
  });
  const list = (c: AppContext) => page(c, renderDemoList(demoAccounts(c.var.deps.now()).accounts, { lang: pageLang(c) }));
  app.get('/demo', list);
  app.get('/demo/accounts', list);
  app.get('/demo/accounts/:id', (c) => {
    const id = c.req.param('id');
    const account = demoAccounts(c.var.deps.now()).byId.get(id);
    const lang = pageLang(c);
    return account ? page(c, renderDemoDetail(account, { lang })) : page(c, renderDemoNotFound(id, { lang }), 404);
  });
}
