/** Earlier versions of the rules: view one, load it into the editor, or roll back to it (admins). */
import { useEffect, useState } from 'preact/hooks';
import type { Lang, RuleSet } from '../../../shared/schema.ts';
import { t as common, formatDateTime } from '../../lib/i18n.ts';
import { send } from '../../lib/messaging.ts';
import type { Reply, RulesDocument, RulesHistoryEntry } from '../../lib/protocol.ts';
import { tierCount } from './logic.ts';
import { TEXT } from './messages.ts';

export interface HistoryPanelProps {
  lang: Lang;
  current: number;
  readOnly: boolean;
  busy: boolean;
  onLoad: (rules: RuleSet) => void;
  onRollback: (version: number) => void;
}

export function HistoryPanel({ lang, current, readOnly, busy, onLoad, onRollback }: HistoryPanelProps) {
  const text = TEXT[lang];
  const [list, setList] = useState<Reply<RulesHistoryEntry[]> | null>(null);
  const [open, setOpen] = useState<{ version: number; reply: Reply<RulesDocument> | null } | null>(null);

  useEffect(() => {
    void send({ type: 'rulesHistory' }).then(setList);
  }, [current]);

  const view = async (version: number) => {
    if (open?.version === version) {
      setOpen(null);
      return;
    }
    setOpen({ version, reply: null });
    const reply = await send({ type: 'rulesVersion', version });
    setOpen((o) => (o?.version === version ? { version, reply } : o));
  };

  return (
    <section class="panel" aria-labelledby="history-title">
      <h3 id="history-title">{text.history}</h3>
      {!list && <p class="hint">…</p>}
      {list && !list.ok && (
        <p class="notice" data-variant="error" role="alert">
          {common(lang).why[list.error.kind]} <span class="hint mono">{list.error.message}</span>
        </p>
      )}
      {list?.ok && list.value.length === 0 && <p class="hint">{text.historyEmpty}</p>}
      {list?.ok && list.value.length > 0 && (
        <ol class="history-list" reversed>
          {[...list.value]
            .sort((a, b) => b.version - a.version)
            .map((entry) => (
              <li key={entry.version}>
                <div class="history-row">
                  <strong>{text.version(entry.version)}</strong>
                  {entry.version === current && <span class="pill">{text.current}</span>}
                  <span class="muted">
                    {entry.updatedAt ? formatDateTime(entry.updatedAt, lang) : ''}
                    {entry.updatedBy ? ` · ${entry.updatedBy}` : ''}
                  </span>
                  <span class="actions history-actions">
                    <button type="button" aria-expanded={open?.version === entry.version} onClick={() => void view(entry.version)}>
                      {open?.version === entry.version ? text.hide : text.view}
                      <span class="visually-hidden"> {text.version(entry.version)}</span>
                    </button>
                    {!readOnly && entry.version !== current && (
                      <button type="button" disabled={busy} onClick={() => onRollback(entry.version)}>
                        {text.rollback}
                        <span class="visually-hidden"> ({text.version(entry.version)})</span>
                      </button>
                    )}
                  </span>
                </div>
                {open?.version === entry.version && <VersionView lang={lang} reply={open.reply} readOnly={readOnly} onLoad={onLoad} />}
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}

interface VersionViewProps {
  lang: Lang;
  reply: Reply<RulesDocument> | null;
  readOnly: boolean;
  onLoad: (rules: RuleSet) => void;
}

function VersionView({ lang, reply, readOnly, onLoad }: VersionViewProps) {
  const text = TEXT[lang];
  if (!reply) return <p class="hint">…</p>;
  if (!reply.ok) {
    return (
      <p class="notice" data-variant="error">
        {common(lang).why[reply.error.kind]}
      </p>
    );
  }
  const rules = reply.value.rules;
  return (
    <div class="version-view">
      <p>
        {rules.name ? <strong>{rules.name} · </strong> : null}
        {text.versionDetails(rules.dimensions.length, tierCount(rules))}
      </p>
      {!readOnly && (
        <button type="button" onClick={() => onLoad(rules)}>
          {text.loadIntoEditor}
        </button>
      )}
      <textarea
        class="json mono"
        readOnly
        rows={12}
        spellcheck={false}
        aria-label={text.version(reply.value.version)}
        value={JSON.stringify(rules, null, 2)}
      />
    </div>
  );
}
