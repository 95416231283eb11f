/**
 * The tenant's rule set: the editor over a draft, saved with If-Match on the version loaded
 * (a stale save says who won and keeps the edits), import and export, history with rollback,
 * and the live preview beside the editor.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Lang, RuleSet } from '../../../shared/schema.ts';
import { type Issue, validateRuleSet } from '../../../shared/validate.ts';
import { RuleSetEditor } from '../../components/rules/index.ts';
import { localizeIssue } from '../../components/rules/issues.ts';
import { t as common, formatDateTime } from '../../lib/i18n.ts';
import { send } from '../../lib/messaging.ts';
import type { RulesDocument, UiError } from '../../lib/protocol.ts';
import type { Role, RulesState } from './App.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { currentVersionOf, exportFileName, issuesOf, sameRules } from './logic.ts';
import { TEXT } from './messages.ts';
import { PreviewPanel } from './PreviewPanel.tsx';

export interface RulesSectionProps {
  lang: Lang;
  state: RulesState;
  role: Role;
  /** A new live document (after a save or a rollback). */
  onDoc: (doc: RulesDocument) => void;
  onReload: () => Promise<void>;
  /** The key turned out not to be an admin key. */
  onForbidden: () => void;
}

export function RulesSection({ lang, state, role, onDoc, onReload, onForbidden }: RulesSectionProps) {
  const text = TEXT[lang];
  // Kept here, not in the workspace: a save remounts the workspace on the new version, and its notice must survive that.
  const [notice, setNotice] = useState<Notice | null>(null);
  // Rules loaded afresh (another worker or key): what was said about the old ones no longer applies.
  useEffect(() => {
    if (state.status === 'loading') setNotice(null);
  }, [state.status]);
  return (
    <section class="card rules-card" aria-labelledby="rules-title">
      <h2 id="rules-title">{text.rules}</h2>
      <p class="muted">{text.rulesHint}</p>
      {state.status === 'loading' && <p class="notice">{text.loadingRules}</p>}
      {state.status === 'error' && (
        <div class="notice" data-variant="error" role="alert">
          <p>
            <strong>{text.rulesError}</strong>: {common(lang).why[state.error.kind]}
          </p>
          <p class="hint mono">{state.error.message}</p>
          <button type="button" onClick={() => void onReload()}>
            {text.retry}
          </button>
        </div>
      )}
      {state.status === 'loaded' && (
        <RulesWorkspace
          key={state.doc.version}
          lang={lang}
          doc={state.doc}
          role={role}
          notice={notice}
          setNotice={setNotice}
          onDoc={onDoc}
          onReload={onReload}
          onForbidden={onForbidden}
        />
      )}
    </section>
  );
}

interface RulesWorkspaceProps {
  lang: Lang;
  doc: RulesDocument;
  role: Role;
  notice: Notice | null;
  setNotice: (notice: Notice | null) => void;
  onDoc: (doc: RulesDocument) => void;
  onReload: () => Promise<void>;
  onForbidden: () => void;
}

type Notice =
  | { kind: 'saved'; version: number }
  | { kind: 'rolledBack'; version: number; from: number }
  | { kind: 'imported' }
  | { kind: 'conflict'; theirs: RulesDocument | null; theirVersion: number | null }
  | { kind: 'forbidden' }
  | { kind: 'error'; error: UiError };

/** Starts a download of `data` as a JSON file. */
function download(data: unknown, filename: string): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** What to expand when the page opens: the headline dimension and its first tier, so the editor shows something real. */
function initialExpanded(rules: RuleSet): string[] {
  const di = Math.max(
    0,
    rules.dimensions.findIndex((d) => d.id === rules.headline),
  );
  return [`dimensions[${di}]`, `dimensions[${di}].tiers[0]`];
}

function RulesWorkspace({ lang, doc, role, notice, setNotice, onDoc, onReload, onForbidden }: RulesWorkspaceProps) {
  const text = TEXT[lang];
  const [draft, setDraft] = useState<RuleSet>(doc.rules);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const [panel, setPanel] = useState<'none' | 'import' | 'history'>('none');
  const readOnly = role === 'reader';

  const validation = useMemo(() => validateRuleSet(draft), [draft]);
  const dirty = useMemo(() => !sameRules(draft, doc.rules), [draft, doc]);
  const issues = validation.ok ? serverIssues : validation.issues;

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [dirty]);

  const update = (edit: (r: RuleSet) => RuleSet) => {
    setDraft((r) => edit(r));
    setServerIssues([]);
    if (notice?.kind === 'saved' || notice?.kind === 'imported' || notice?.kind === 'rolledBack') setNotice(null);
  };

  const exportDraft = () => download(draft, exportFileName(doc.version, dirty, draft.name));

  const afterWrite = (next: RulesDocument, n: Notice) => {
    void send({ type: 'clearCache' });
    setNotice(n);
    onDoc(next); // remounts the workspace on the new version
  };

  const handleFailure = async (error: UiError) => {
    if (error.kind === 'conflict') {
      const latest = await send({ type: 'getRules' });
      const theirs = latest.ok ? latest.value : null;
      setNotice({ kind: 'conflict', theirs, theirVersion: theirs?.version ?? currentVersionOf(error) });
    } else if (error.kind === 'forbidden') {
      onForbidden();
      setNotice({ kind: 'forbidden' });
    } else if (error.kind === 'invalid') {
      setServerIssues(issuesOf(error));
      setNotice({ kind: 'error', error });
    } else {
      setNotice({ kind: 'error', error });
    }
  };

  const save = async (ifMatch: number) => {
    if (!validation.ok) return;
    setBusy(true);
    setNotice(null);
    const reply = await send({ type: 'putRules', rules: validation.value, ifMatch });
    setBusy(false);
    if (reply.ok) afterWrite(reply.value, { kind: 'saved', version: reply.value.version });
    else await handleFailure(reply.error);
  };

  const rollback = async (version: number) => {
    setBusy(true);
    setNotice(null);
    const reply = await send({ type: 'rollback', version, ifMatch: doc.version });
    setBusy(false);
    if (reply.ok) afterWrite(reply.value, { kind: 'rolledBack', version: reply.value.version, from: version });
    else await handleFailure(reply.error);
  };

  const loadDraft = (rules: RuleSet) => {
    if (dirty && !globalThis.confirm(text.confirmReplace)) return false;
    update(() => rules);
    return true;
  };

  const canSave = !readOnly && validation.ok && dirty && !busy;
  const reason = readOnly ? '' : !validation.ok ? text.saveDisabledInvalid(validation.issues.length) : !dirty ? text.saveDisabledClean : '';
  const when = doc.updatedAt ? formatDateTime(doc.updatedAt, lang) : '';

  return (
    <div class="workspace">
      <div class="toolbar" role="toolbar" aria-label={text.rules}>
        <p class="version" data-testid="rules-version">
          {text.loadedVersion(doc.version, when, doc.updatedBy ?? '')}
          {' · '}
          <span data-dirty={dirty ? 'true' : 'false'}>{dirty ? text.unsaved : text.noChanges}</span>
        </p>
        <div class="actions">
          {!readOnly && (
            <>
              <button
                type="button"
                class="primary"
                disabled={!canSave}
                aria-describedby={reason ? 'save-reason' : undefined}
                onClick={() => void save(doc.version)}
              >
                {busy ? text.saving : text.saveRules}
              </button>
              <button
                type="button"
                disabled={!dirty || busy}
                onClick={() => {
                  if (globalThis.confirm(text.confirmDiscard)) update(() => doc.rules);
                }}
              >
                {text.discard}
              </button>
              <button type="button" aria-expanded={panel === 'import'} onClick={() => setPanel(panel === 'import' ? 'none' : 'import')}>
                {text.import}
              </button>
            </>
          )}
          <button type="button" onClick={exportDraft}>
            {text.export}
          </button>
          <button type="button" aria-expanded={panel === 'history'} onClick={() => setPanel(panel === 'history' ? 'none' : 'history')}>
            {text.history}
          </button>
        </div>
        {reason && (
          <p class="hint" id="save-reason" data-testid="save-reason">
            {reason}
          </p>
        )}
      </div>

      {readOnly && (
        <p class="notice" data-variant="info">
          {text.readOnlyNote}
        </p>
      )}
      <NoticeView
        lang={lang}
        notice={notice}
        loadedVersion={doc.version}
        busy={busy}
        onExport={exportDraft}
        onLoadTheirs={(theirs) => {
          setNotice(null);
          if (theirs) onDoc(theirs);
          else void onReload();
        }}
        onOverwrite={(v) => {
          if (globalThis.confirm(text.confirmOverwrite(v))) void save(v);
        }}
      />

      {panel === 'import' && !readOnly && (
        <ImportPanel
          lang={lang}
          onRules={(rules) => {
            if (!loadDraft(rules)) return;
            setPanel('none');
            setNotice({ kind: 'imported' });
          }}
        />
      )}
      {panel === 'history' && (
        <HistoryPanel
          lang={lang}
          current={doc.version}
          readOnly={readOnly}
          busy={busy}
          onLoad={(rules) => loadDraft(rules)}
          onRollback={(version) => {
            const discard = dirty ? `\n\n${text.confirmDiscard}` : '';
            if (globalThis.confirm(text.confirmRollback(version) + discard)) void rollback(version);
          }}
        />
      )}

      <div class="editor-and-preview">
        <div class="editor-column">
          <RuleSetEditor
            rules={draft}
            update={update}
            issues={issues}
            lang={lang}
            readOnly={readOnly}
            initiallyExpanded={initialExpanded(doc.rules)}
          />
        </div>
        <aside class="preview-column" aria-labelledby="preview-title">
          <PreviewPanel
            lang={lang}
            validation={validation}
            saved={doc.rules}
            canFetch={role !== 'reader'}
            dirty={dirty}
            onForbidden={onForbidden}
          />
        </aside>
      </div>
    </div>
  );
}

interface NoticeViewProps {
  lang: Lang;
  notice: Notice | null;
  loadedVersion: number;
  busy: boolean;
  onExport: () => void;
  onLoadTheirs: (theirs: RulesDocument | null) => void;
  onOverwrite: (version: number) => void;
}

function NoticeView({ lang, notice, loadedVersion, busy, onExport, onLoadTheirs, onOverwrite }: NoticeViewProps) {
  const text = TEXT[lang];
  if (!notice) return <div role="status" aria-live="polite" class="status-region" />;
  switch (notice.kind) {
    case 'saved':
      return (
        <div role="status" aria-live="polite" class="notice" data-variant="ok" data-testid="rules-notice">
          ✓ {text.savedVersion(notice.version)}
        </div>
      );
    case 'rolledBack':
      return (
        <div role="status" aria-live="polite" class="notice" data-variant="ok" data-testid="rules-notice">
          ✓ {text.rolledBack(notice.version, notice.from)}
        </div>
      );
    case 'imported':
      return (
        <div role="status" aria-live="polite" class="notice" data-variant="ok" data-testid="rules-notice">
          {text.imported}
        </div>
      );
    case 'forbidden':
      return (
        <div role="alert" class="notice" data-variant="error" data-testid="rules-notice">
          {text.forbiddenSave}
        </div>
      );
    case 'conflict': {
      const v = notice.theirVersion;
      return (
        <div role="alert" class="notice conflict" data-variant="warning" data-testid="conflict-notice">
          <p>
            <strong>{text.conflictTitle}</strong>
          </p>
          <p>{text.conflict(v, loadedVersion)}</p>
          <p>{text.conflictHelp}</p>
          <div class="actions">
            <button type="button" onClick={onExport}>
              {text.exportMine}
            </button>
            <button type="button" class="primary" onClick={() => onLoadTheirs(notice.theirs)}>
              {text.reloadTheirs(v)}
            </button>
            {v !== null && (
              <button type="button" disabled={busy} onClick={() => onOverwrite(v)}>
                {text.overwrite(v)}
              </button>
            )}
          </div>
        </div>
      );
    }
    case 'error': {
      const issues = issuesOf(notice.error);
      return (
        <div role="alert" class="notice" data-variant="error" data-testid="rules-notice">
          <p>
            <strong>{common(lang).muted[notice.error.kind]}</strong>: {common(lang).why[notice.error.kind]}
          </p>
          {issues.length > 0 ? (
            <>
              <p>{text.serverIssues}</p>
              <ul>
                {issues.map((i) => (
                  <li key={i.path + i.message}>
                    <code>{i.path || '/'}</code> {localizeIssue(i.message, lang)}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="hint mono">{notice.error.message}</p>
          )}
        </div>
      );
    }
  }
}
