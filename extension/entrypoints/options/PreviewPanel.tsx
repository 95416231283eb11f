/**
 * The live preview: one account, fetched through the worker or pasted, classified here with
 * the shared engine and the rules being edited (on each valid edit, debounced), next to what
 * the saved rules say, so a change in tier is visible before saving.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type CompiledRules, classify, compileRules } from '../../../shared/engine.ts';
import type { AccountSnapshot, Classification, DimensionResult, Lang, PopulationStats, RuleSet } from '../../../shared/schema.ts';
import { type Issue, type Validated, validateSnapshot } from '../../../shared/validate.ts';
import { localizeIssue } from '../../components/rules/issues.ts';
import { t as common, formatDateTime } from '../../lib/i18n.ts';
import { send } from '../../lib/messaging.ts';
import type { UiError } from '../../lib/protocol.ts';
import { useDebounced } from './hooks.ts';
import { parseSnapshot } from './logic.ts';
import { TEXT } from './messages.ts';

/** The demo connector's account of the design notes' example (a key account); the default to preview. */
export const DEFAULT_PREVIEW = { crm: 'demo', id: '4876876000000333001' };
export const PREVIEW_DEBOUNCE_MS = 150;

export interface PreviewPanelProps {
  lang: Lang;
  validation: Validated<RuleSet>;
  /** The saved rules, to show what an edit changes. */
  saved: RuleSet;
  /** Fetching a snapshot needs an admin key. */
  canFetch: boolean;
  dirty: boolean;
  /** A fetch was refused for lack of an admin key (how a reader key is recognised before it tries to save). */
  onForbidden: () => void;
}

interface Loaded {
  snapshot: AccountSnapshot;
  /** Fixed when the account is loaded, so edits alone change the result. */
  asOf: number;
}

function safeCompile(rules: RuleSet): CompiledRules | null {
  try {
    return compileRules(rules);
  } catch {
    return null;
  }
}

export function PreviewPanel({ lang, validation, saved, canFetch, dirty, onForbidden }: PreviewPanelProps) {
  const text = TEXT[lang];
  const [crm, setCrm] = useState(DEFAULT_PREVIEW.crm);
  const [id, setId] = useState(DEFAULT_PREVIEW.id);
  const [account, setAccount] = useState<Loaded | null>(null);
  const [fetchState, setFetchState] = useState<{ busy: boolean; error: UiError | null }>({ busy: false, error: null });
  const [paste, setPaste] = useState('');
  const [pasteProblem, setPasteProblem] = useState<{ notJson?: string; issues: Issue[] } | null>(null);
  const [stats, setStats] = useState<PopulationStats | null | undefined>(undefined);

  useEffect(() => {
    void send({ type: 'stats' }).then((r) => setStats(r.ok ? r.value : null));
  }, []);

  const fetchAccount = async (e?: Event) => {
    e?.preventDefault();
    setFetchState({ busy: true, error: null });
    const reply = await send({ type: 'snapshot', crm: crm.trim(), id: id.trim() });
    if (reply.ok) {
      // Checked like pasted data: the engine trusts only what passed the shared schema.
      const checked = validateSnapshot(reply.value);
      if (checked.ok) {
        setAccount({ snapshot: checked.value, asOf: Date.now() });
        setFetchState({ busy: false, error: null });
      } else {
        const first = checked.issues.slice(0, 3).map((i) => `${i.path || '/'}: ${i.message}`);
        setFetchState({
          busy: false,
          error: { kind: 'internal', message: `The worker’s answer is not account data (${first.join('; ')})` },
        });
      }
    } else {
      setFetchState({ busy: false, error: reply.error });
      if (reply.error.kind === 'forbidden') onForbidden();
    }
  };

  // Fetch the default account once, for admins (readers cannot read snapshots).
  useEffect(() => {
    if (canFetch) void fetchAccount();
  }, [canFetch]);

  const usePaste = () => {
    const parsed = parseSnapshot(paste);
    if (parsed.ok) {
      setPasteProblem(null);
      setFetchState({ busy: false, error: null });
      setAccount({ snapshot: parsed.value, asOf: Date.now() });
    } else {
      setPasteProblem(parsed);
    }
  };

  // The edited rules, compiled after typing pauses; the last valid compilation stays while the draft is invalid.
  const settled = useDebounced(validation, PREVIEW_DEBOUNCE_MS);
  const [compiled, setCompiled] = useState<CompiledRules | null>(() => safeCompile(saved));
  useEffect(() => {
    if (settled.ok) setCompiled(safeCompile(settled.value));
  }, [settled]);
  const compiledSaved = useMemo(() => safeCompile(saved), [saved]);

  const result = useMemo(() => run(compiled, account, lang, stats), [compiled, account, lang, stats]);
  const before = useMemo(() => (dirty ? run(compiledSaved, account, lang, stats) : null), [dirty, compiledSaved, account, lang, stats]);

  return (
    <div class="preview">
      <h3 id="preview-title">{text.preview}</h3>
      <p class="hint">{text.previewHint}</p>
      <form class="preview-source" onSubmit={fetchAccount}>
        <div class="field">
          <label for="preview-crm">{text.crm}</label>
          <input id="preview-crm" type="text" size={6} value={crm} onInput={(e) => setCrm(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="preview-id">{text.accountId}</label>
          <input id="preview-id" type="text" class="mono" value={id} onInput={(e) => setId(e.currentTarget.value)} />
        </div>
        <button type="submit" disabled={fetchState.busy || !crm.trim() || !id.trim()}>
          {fetchState.busy ? text.fetching : text.fetch}
        </button>
      </form>
      {fetchState.error && (
        <p class="notice" data-variant="error" role="alert" data-testid="preview-error">
          {common(lang).why[fetchState.error.kind]} <span class="hint mono">{fetchState.error.message}</span>
        </p>
      )}
      <details class="paste">
        <summary>{text.pasteSnapshot}</summary>
        <label for="preview-json" class="visually-hidden">
          {text.pasteSnapshot}
        </label>
        <textarea
          id="preview-json"
          class="mono"
          rows={6}
          spellcheck={false}
          value={paste}
          aria-invalid={pasteProblem ? 'true' : undefined}
          aria-describedby={pasteProblem ? 'preview-json-problems' : undefined}
          onInput={(e) => {
            setPaste(e.currentTarget.value);
            setPasteProblem(null);
          }}
        />
        {pasteProblem && (
          <div id="preview-json-problems" class="notice" data-variant="error" role="alert">
            {pasteProblem.notJson !== undefined ? (
              <p>{TEXT[lang].importNotJson(pasteProblem.notJson)}</p>
            ) : (
              <>
                <p>{text.snapshotInvalid(pasteProblem.issues.length)}</p>
                <ul class="issue-list">
                  {pasteProblem.issues.slice(0, 20).map((i) => (
                    <li key={i.path + i.message}>
                      <code>{i.path || '/'}</code> {localizeIssue(i.message, lang)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        <button type="button" disabled={paste.trim() === ''} onClick={usePaste}>
          {text.useSnapshot}
        </button>
      </details>

      <p class="hint">{stats === undefined ? '' : stats ? text.stats(stats.count, formatDateTime(stats.asOf, lang)) : text.noStats}</p>

      <div class="preview-result" aria-live="polite" data-testid="preview-result">
        {!account && <p class="hint">{text.noSnapshot}</p>}
        {account && !validation.ok && (
          <p class="notice" data-variant="warning">
            {text.previewStale}
          </p>
        )}
        {account && result && 'error' in result && (
          <p class="notice" data-variant="error">
            {text.previewError}: {result.error}
          </p>
        )}
        {account && result && 'value' in result && (
          <ResultView lang={lang} result={result.value} before={before && 'value' in before ? before.value : null} />
        )}
      </div>
    </div>
  );
}

function run(
  compiled: CompiledRules | null,
  account: Loaded | null,
  lang: Lang,
  stats: PopulationStats | null | undefined,
): { value: Classification } | { error: string } | null {
  if (!compiled || !account) return null;
  try {
    return { value: classify(compiled, account.snapshot, { asOf: account.asOf, lang, stats: stats ?? null }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

interface ResultViewProps {
  lang: Lang;
  result: Classification;
  /** The saved rules' result, when the draft differs from them. */
  before: Classification | null;
}

function ResultView({ lang, result, before }: ResultViewProps) {
  const text = TEXT[lang];
  const was = new Map(before?.dimensions.map((d) => [d.id, d]) ?? []);
  return (
    <>
      <p class="preview-account">
        <strong>{text.snapshotFrom(result.name, result.accountId)}</strong>
      </p>
      <ul class="preview-dims">
        {result.dimensions.map((d) => (
          <DimensionRow key={d.id} lang={lang} d={d} was={was.get(d.id)} headline={d.id === result.headline} />
        ))}
      </ul>
    </>
  );
}

interface DimensionRowProps {
  lang: Lang;
  d: DimensionResult;
  was: DimensionResult | undefined;
  headline: boolean;
}

function DimensionRow({ lang, d, was, headline }: DimensionRowProps) {
  const text = TEXT[lang];
  const changed = was !== undefined && was.tier !== d.tier;
  return (
    <li
      class="preview-dim"
      data-dimension={d.id}
      data-tier={d.tier}
      data-changed={changed ? 'true' : 'false'}
      data-headline={headline ? 'true' : 'false'}
    >
      <div class="preview-dim-head">
        <span class="preview-dim-label">
          {d.label}
          {headline && <span class="pill">{text.headline}</span>}
        </span>
        <span class="tier-badge" style={{ background: d.color, color: d.textColor }}>
          <span aria-hidden="true">{d.icon}</span> {d.tierLabel}
        </span>
        {changed && (
          <span class="pill" data-variant="changed">
            {text.changedFrom(was.tierLabel)}
          </span>
        )}
      </div>
      {d.because.length > 0 && (
        <p class="preview-because">
          <span class="muted">{text.because}: </span>
          {d.because.map((b) => b.text).join(lang === 'zh' ? '；' : '; ')}
        </p>
      )}
      {d.next && (
        <p class="preview-next">
          <span class="muted">{text.toReach(d.next.label)}: </span>
          {d.next.missing.length ? d.next.missing.map((m) => m.text).join(lang === 'zh' ? '；' : '; ') : text.nothingMissing}
        </p>
      )}
    </li>
  );
}
