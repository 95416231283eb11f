/** The worker URL and API key, saved to extension storage, and a test that says clearly what happened. */
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../../../shared/schema.ts';
import { requestWorkerAccess } from '../../lib/hosts.ts';
import { t as common } from '../../lib/i18n.ts';
import { send } from '../../lib/messaging.ts';
import type { ConnectionInfo, Reply } from '../../lib/protocol.ts';
import { normaliseWorkerUrl, type Settings, saveSettings } from '../../lib/settings.ts';
import { TEXT } from './messages.ts';

export interface ConnectionSectionProps {
  lang: Lang;
  settings: Settings;
  /** The test of the saved settings, run when the page opens and after each save. */
  connection: Reply<ConnectionInfo> | null;
  onSaved: () => Promise<void>;
}

type Status =
  | { state: 'idle' }
  | { state: 'testing' }
  | { state: 'done'; url: string; reply: Reply<ConnectionInfo> }
  | { state: 'note'; ok: boolean; text: string };

export function ConnectionSection({ lang, settings, connection, onSaved }: ConnectionSectionProps) {
  const text = TEXT[lang];
  const [url, setUrl] = useState(settings.workerUrl);
  const [key, setKey] = useState(settings.apiKey);
  const [showKey, setShowKey] = useState(false);
  const [status, setStatus] = useState<Status>({ state: 'idle' });

  // The saved settings' own test, until the user runs one.
  useEffect(() => {
    if (connection && (status.state === 'idle' || status.state === 'note'))
      setStatus({ state: 'done', url: settings.workerUrl, reply: connection });
  }, [connection]);

  const dirty = normaliseWorkerUrl(url) !== settings.workerUrl || key.trim() !== settings.apiKey;

  const save = async (e: Event) => {
    e.preventDefault();
    const workerUrl = normaliseWorkerUrl(url);
    if (!workerUrl) {
      setStatus({ state: 'note', ok: false, text: text.badUrl });
      return;
    }
    // First await of the click: browsers grant permissions only during a user gesture.
    const granted = await requestWorkerAccess(workerUrl).catch(() => false);
    await saveSettings({ workerUrl, apiKey: key });
    setUrl(workerUrl);
    // Idle: the saved settings' own test (run by onSaved) shows up here when it answers.
    setStatus(granted ? { state: 'idle' } : { state: 'note', ok: false, text: text.permissionDenied });
    await onSaved();
  };

  const test = async () => {
    const workerUrl = normaliseWorkerUrl(url);
    if (!workerUrl) {
      setStatus({ state: 'note', ok: false, text: text.badUrl });
      return;
    }
    setStatus({ state: 'testing' });
    const reply = await send({ type: 'testConnection', workerUrl, apiKey: key });
    setStatus({ state: 'done', url: workerUrl, reply });
  };

  return (
    <section class="card" aria-labelledby="connection-title">
      <h2 id="connection-title">{text.connection}</h2>
      <p class="muted">{text.connectionHint}</p>
      <form class="connection-form" onSubmit={save}>
        <div class="field">
          <label for="worker-url">{text.workerUrl}</label>
          <input
            id="worker-url"
            type="url"
            inputMode="url"
            autoComplete="url"
            spellcheck={false}
            value={url}
            aria-describedby="worker-url-hint"
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
          <p class="hint" id="worker-url-hint">
            {text.workerUrlHint}
          </p>
        </div>
        <div class="field">
          <label for="api-key">{text.apiKey}</label>
          {showKey ? (
            <input
              id="api-key"
              type="text"
              autoComplete="off"
              spellcheck={false}
              class="mono"
              value={key}
              onInput={(e) => setKey(e.currentTarget.value)}
            />
          ) : (
            <input
              id="api-key"
              type="password"
              autoComplete="off"
              class="mono"
              value={key}
              onInput={(e) => setKey(e.currentTarget.value)}
            />
          )}
          <label class="inline">
            <input type="checkbox" checked={showKey} onChange={(e) => setShowKey(e.currentTarget.checked)} />
            {text.showKey}
          </label>
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={!dirty}>
            {text.save}
          </button>
          <button type="button" onClick={test} disabled={status.state === 'testing'}>
            {text.testConnection}
          </button>
        </div>
      </form>
      <div class="status-region" role="status" aria-live="polite" data-testid="connection-status">
        <ConnectionResult lang={lang} status={status} />
      </div>
    </section>
  );
}

function ConnectionResult({ lang, status }: { lang: Lang; status: Status }) {
  const text = TEXT[lang];
  if (status.state === 'idle') return null;
  if (status.state === 'testing') return <p class="notice">{text.testing}</p>;
  if (status.state === 'note')
    return (
      <p class="notice" data-variant={status.ok ? 'ok' : 'error'}>
        {status.text}
      </p>
    );
  const { reply, url } = status;
  if (reply.ok) {
    const info = reply.value;
    const parts = [
      info.workerVersion ? text.workerVersion(info.workerVersion) : '',
      info.tenant ? text.tenant(info.tenant) : '',
      info.role === 'admin' ? text.roleAdmin : info.role === 'reader' ? text.roleReader : '',
    ].filter(Boolean);
    return (
      <p class="notice" data-variant="ok">
        <strong>✓ {text.connected(url)}</strong>
        {parts.length > 0 && <span> · {parts.join(' · ')}</span>}
      </p>
    );
  }
  const e = reply.error;
  return (
    <div class="notice" data-variant="error">
      <p>
        <strong>
          ✕ {text.failed}: {common(lang).muted[e.kind]}
        </strong>
      </p>
      <p>{common(lang).why[e.kind]}</p>
      <p class="hint mono">
        {e.status ? `HTTP ${e.status} · ` : ''}
        {e.message}
        {e.requestId ? ` · ${common(lang).requestId(e.requestId)}` : ''}
      </p>
    </div>
  );
}
