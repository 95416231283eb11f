/**
 * The options page: the connection (worker URL, API key, a test), the display settings
 * (language, chips), the CRM sites granted at run time and, for the rule set, the editor
 * with its live preview, history, import and export. Readers see the rules read-only.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Lang } from '../../../shared/schema.ts';
import { send } from '../../lib/messaging.ts';
import type { ConnectionInfo, Reply, RulesDocument, UiError } from '../../lib/protocol.ts';
import { getSettings, type LangSetting, resolveLang, type Settings, saveSettings } from '../../lib/settings.ts';
import { ConnectionSection } from './ConnectionSection.tsx';
import { DisplaySection } from './DisplaySection.tsx';
import { TEXT } from './messages.ts';
import { RulesSection } from './RulesSection.tsx';
import { SitesSection } from './SitesSection.tsx';

export type Role = 'admin' | 'reader' | 'unknown';

export type RulesState = { status: 'loading' } | { status: 'error'; error: UiError } | { status: 'loaded'; doc: RulesDocument };

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [connection, setConnection] = useState<Reply<ConnectionInfo> | null>(null);
  const [rules, setRules] = useState<RulesState>({ status: 'loading' });
  const [forbidden, setForbidden] = useState(false);
  const lang: Lang = resolveLang(settings?.lang ?? 'auto');
  const text = TEXT[lang];

  const loadRules = useCallback(async () => {
    setRules({ status: 'loading' });
    const reply = await send({ type: 'getRules' });
    setRules(reply.ok ? { status: 'loaded', doc: reply.value } : { status: 'error', error: reply.error });
  }, []);

  const refresh = useCallback(async () => {
    const s = await getSettings();
    setSettings(s);
    setForbidden(false);
    void send({ type: 'testConnection' }).then(setConnection);
    await loadRules();
  }, [loadRules]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = text.title;
  }, [lang, text]);

  const reported = connection?.ok ? connection.value.role : undefined;
  const role: Role = forbidden ? 'reader' : (reported ?? 'unknown');

  const setLang = async (value: LangSetting) => {
    await saveSettings({ lang: value });
    setSettings((s) => (s ? { ...s, lang: value } : s));
  };
  const setChips = async (chips: string[]) => {
    await saveSettings({ chips });
    setSettings((s) => (s ? { ...s, chips } : s));
  };

  return (
    <div class="page">
      <header class="page-head">
        <h1>
          <span class="logo" aria-hidden="true">
            ◆
          </span>{' '}
          {text.title}
        </h1>
        <p class="muted">{text.subtitle}</p>
      </header>
      <main>
        {settings && (
          <>
            <ConnectionSection lang={lang} settings={settings} onSaved={refresh} connection={connection} />
            <DisplaySection
              lang={lang}
              settings={settings}
              rules={rules.status === 'loaded' ? rules.doc.rules : null}
              onLang={setLang}
              onChips={setChips}
            />
            <SitesSection lang={lang} />
          </>
        )}
        <RulesSection
          lang={lang}
          state={rules}
          role={role}
          onDoc={(doc) => setRules({ status: 'loaded', doc })}
          onReload={loadRules}
          onForbidden={() => setForbidden(true)}
        />
      </main>
    </div>
  );
}
