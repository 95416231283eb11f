/**
 * The rule editor: the rule set's own fields (name, headline, default chips) and its
 * dimensions, with the validator's issues next to the controls they concern and summarised
 * at the top. Controlled: the draft and its issues come from the caller, edits go back as
 * pure functions.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang, RuleSet } from '../../../shared/schema.ts';
import type { Issue } from '../../../shared/validate.ts';
import { EditorContext, type EditorContextValue } from './context.ts';
import { DimensionList } from './DimensionList.tsx';
import { FieldErrors, SelectField, TextField } from './fields.tsx';
import { IssueSummary } from './IssueSummary.tsx';
import { editorText } from './i18n.ts';
import { containersOf, placeIssues } from './issues.ts';
import { reindexPaths, setAt } from './path.ts';

export interface RuleSetEditorProps {
  rules: RuleSet;
  update: (edit: (rules: RuleSet) => RuleSet) => void;
  issues: readonly Issue[];
  lang: Lang;
  readOnly: boolean;
  /** Dimensions and tiers open at first (`dimensions[0]`, `dimensions[0].tiers[1]`). */
  initiallyExpanded?: readonly string[];
}

const MAX_DEFAULT_CHIPS = 5;

export function RuleSetEditor({ rules, update, issues, lang, readOnly, initiallyExpanded = [] }: RuleSetEditorProps) {
  const [expanded, setExpandedSet] = useState<ReadonlySet<string>>(() => new Set(initiallyExpanded));
  const pendingFocus = useRef<string | null>(null);
  const { placed, byAnchor } = useMemo(() => placeIssues(issues, rules), [issues, rules]);

  const ctx: EditorContextValue = {
    lang,
    readOnly,
    rules,
    update,
    issues: byAnchor,
    expanded,
    setExpanded: (path, open) =>
      setExpandedSet((prev) => {
        if (prev.has(path) === open) return prev;
        const next = new Set(prev);
        if (open) next.add(path);
        else next.delete(path);
        return next;
      }),
    remapExpanded: (listPath, mapIndex) => setExpandedSet((prev) => reindexPaths(prev, listPath, mapIndex)),
  };

  const reveal = (anchor: string) => {
    pendingFocus.current = anchor;
    setExpandedSet((prev) => new Set([...prev, ...containersOf(anchor)]));
  };

  useEffect(() => {
    const anchor = pendingFocus.current;
    if (anchor === null) return;
    pendingFocus.current = null;
    const el = document.querySelector<HTMLElement>(`[data-anchor="${CSS.escape(anchor)}"]`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  });

  const t = (key: Parameters<typeof editorText>[1]) => editorText(lang, key);
  const chips = rules.chips ?? [];
  return (
    <EditorContext.Provider value={ctx}>
      <div class="rule-editor" data-readonly={readOnly ? 'true' : 'false'}>
        <IssueSummary issues={placed} rules={rules} lang={lang} onReveal={reveal} />
        <FieldErrors anchor="" />
        <div class="grid">
          <TextField
            anchor="name"
            label={t('ruleSetName')}
            value={rules.name ?? ''}
            onValue={(v) => update((r) => setAt(r, ['name'], v === '' ? undefined : v))}
          />
          <SelectField
            anchor="headline"
            label={t('headline')}
            hint={t('headlineHint')}
            value={rules.headline}
            options={rules.dimensions.map((d) => ({ value: d.id, label: `${d.label?.[lang] ?? d.id} · ${d.id}` }))}
            onValue={(v) => update((r) => setAt(r, ['headline'], v))}
          />
        </div>
        <fieldset class="chips-default" data-anchor="chips" tabIndex={-1} aria-describedby="chips-default-hint">
          <legend>{t('defaultChips')}</legend>
          <p class="hint" id="chips-default-hint">
            {t('defaultChipsHint')}
          </p>
          <div class="choices">
            {rules.dimensions.map((d) => {
              const on = chips.includes(d.id);
              return (
                <label key={d.id} class="inline">
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={readOnly || (!on && chips.length >= MAX_DEFAULT_CHIPS)}
                    onChange={(e) => {
                      const checked = e.currentTarget.checked;
                      update((r) => {
                        const cur = r.chips ?? [];
                        const list = checked ? [...cur, d.id] : cur.filter((c) => c !== d.id);
                        return setAt(r, ['chips'], list.length ? list : undefined);
                      });
                    }}
                  />
                  {d.label?.[lang] ?? d.id}
                </label>
              );
            })}
          </div>
          <FieldErrors anchor="chips" />
        </fieldset>
        <DimensionList />
      </div>
    </EditorContext.Provider>
  );
}
