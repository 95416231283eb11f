/** The popup: is the worker reachable with this key, what is on this page, and the way to the settings. */

import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Lang } from '../../../shared/schema.ts';
import { t } from '../../lib/i18n.ts';
import { send } from '../../lib/messaging.ts';
import type { ConnectionInfo, PageSummary, Reply, TabMessage } from '../../lib/protocol.ts';
import { getSettings, resolveLang } from '../../lib/settings.ts';

const TEXT = {
  zh: {
    connection: '连接',
    checking: '正在检查…',
    connected: (url: string) => `已连接 ${url}`,
    version: (v: string) => `服务版本 ${v}`,
    role: { reader: '读者密钥', admin: '管理员密钥' },
    page: '当前页面',
    notHere: 'TierLens 不在这个页面上运行（支持 Zoho CRM 和演示 CRM 页面）。',
    noAccounts: '这个页面上还没有客户徽章。',
    more: (n: number) => `还有 ${n} 个`,
    kinds: { account: '客户详情', list: '客户列表', deal: '商机详情' } as Record<string, string>,
    settings: '设置',
    clearCache: '清除缓存',
    cleared: '缓存已清除',
  },
  en: {
    connection: 'Connection',
    checking: 'Checking…',
    connected: (url: string) => `Connected to ${url}`,
    version: (v: string) => `Worker version ${v}`,
    role: { reader: 'reader key', admin: 'admin key' },
    page: 'This page',
    notHere: 'TierLens does not run on this page (it runs on Zoho CRM and the demo CRM page).',
    noAccounts: 'No account badges on this page yet.',
    more: (n: number) => `and ${n} more`,
    kinds: { account: 'Account', list: 'Accounts list', deal: 'Deal' } as Record<string, string>,
    settings: 'Settings',
    clearCache: 'Clear cache',
    cleared: 'Cache cleared',
  },
};

/** The active tab's page; `popup.html?tab=<id>` names the tab instead (the popup opened as a page, in tests). */
async function currentPage(): Promise<PageSummary | null> {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  const tabId = Number.isInteger(named) && named > 0 ? named : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return null;
  try {
    const message: TabMessage = { type: 'pageSummary' };
    return ((await browser.tabs.sendMessage(tabId, message)) as PageSummary | undefined) ?? null;
  } catch {
    return null; // no content script on this tab
  }
}

export function App() {
  const [lang, setLang] = useState<Lang>(resolveLang('auto'));
  const [workerUrl, setWorkerUrl] = useState('');
  const [conn, setConn] = useState<Reply<ConnectionInfo> | null>(null);
  const [page, setPage] = useState<PageSummary | null | undefined>(undefined);
  const [note, setNote] = useState('');

  useEffect(() => {
    void getSettings().then((s) => {
      setLang(resolveLang(s.lang));
      setWorkerUrl(s.workerUrl);
    });
    void send({ type: 'testConnection' }).then(setConn);
    void currentPage().then(setPage);
  }, []);

  const x = TEXT[lang];
  const s = t(lang);
  return (
    <main lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <h1>TierLens</h1>
      <section aria-labelledby="conn-h">
        <h2 id="conn-h">{x.connection}</h2>
        {conn === null ? (
          <p class="muted">{x.checking}</p>
        ) : conn.ok ? (
          <p class="ok" data-testid="connection" data-state="ok">
            <span aria-hidden="true">● </span>
            {x.connected(workerUrl)}
            {conn.value.role && <span class="muted"> · {x.role[conn.value.role]}</span>}
            {conn.value.workerVersion && <span class="muted"> · {x.version(conn.value.workerVersion)}</span>}
          </p>
        ) : (
          <div class="bad" data-testid="connection" data-state={conn.error.kind}>
            <p>
              <span aria-hidden="true">● </span>
              <strong>{s.muted[conn.error.kind]}</strong> · {workerUrl}
            </p>
            <p class="muted">{s.why[conn.error.kind]}</p>
          </div>
        )}
      </section>
      <section aria-labelledby="page-h">
        <h2 id="page-h">{x.page}</h2>
        {page === undefined ? (
          <p class="muted">{x.checking}</p>
        ) : page === null || page.kind === null ? (
          <p class="muted">{x.notHere}</p>
        ) : (
          <>
            <p class="muted">{x.kinds[page.kind] ?? page.kind}</p>
            {page.accounts.length === 0 ? (
              <p class="muted">{x.noAccounts}</p>
            ) : (
              <ul class="accounts" data-testid="page-accounts">
                {page.accounts.map((a) => (
                  <li key={a.id}>
                    <span class="name">{a.name ?? a.id}</span>
                    {a.tierLabel ? (
                      <span class="tier" style={{ background: a.color, color: a.textColor }}>
                        <span aria-hidden="true">{a.icon} </span>
                        {a.tierLabel}
                      </span>
                    ) : (
                      <span class="tier muted-tier">{a.error ? s.muted[a.error] : s.loading}</span>
                    )}
                  </li>
                ))}
                {page.total > page.accounts.length && <li class="muted">{x.more(page.total - page.accounts.length)}</li>}
              </ul>
            )}
          </>
        )}
      </section>
      <footer>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {x.settings}
        </button>
        <button
          type="button"
          onClick={() =>
            void send({ type: 'clearCache' }).then((r) => {
              if (r.ok) setNote(x.cleared);
            })
          }
        >
          {x.clearCache}
        </button>
        <span class="muted" role="status">
          {note}
        </span>
      </footer>
    </main>
  );
}
