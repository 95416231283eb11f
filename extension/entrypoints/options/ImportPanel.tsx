/** Import a rule set from a file or pasted JSON; it must pass validation before it replaces the draft. */
import { useState } from 'preact/hooks';
import type { Lang, RuleSet } from '../../../shared/schema.ts';
import type { Issue } from '../../../shared/validate.ts';
import { localizeIssue } from '../../components/rules/issues.ts';
import { parseRulesImport } from './logic.ts';
import { TEXT } from './messages.ts';

export interface ImportPanelProps {
  lang: Lang;
  onRules: (rules: RuleSet) => void;
}

export function ImportPanel({ lang, onRules }: ImportPanelProps) {
  const text = TEXT[lang];
  const [json, setJson] = useState('');
  const [problem, setProblem] = useState<{ notJson?: string; issues: Issue[] } | null>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setJson(await file.text());
    setProblem(null);
  };

  const load = () => {
    const parsed = parseRulesImport(json);
    if (parsed.ok) {
      setProblem(null);
      onRules(parsed.value);
    } else {
      setProblem(parsed);
    }
  };

  return (
    <section class="panel" aria-labelledby="import-title">
      <h3 id="import-title">{text.import}</h3>
      <p class="hint">{text.importHint}</p>
      <div class="field">
        <label for="import-file">{text.importFile}</label>
        <input id="import-file" type="file" accept=".json,application/json" onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
      </div>
      <div class="field">
        <label for="import-json">{text.importPaste}</label>
        <textarea
          id="import-json"
          class="mono"
          rows={8}
          spellcheck={false}
          value={json}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? 'import-problems' : undefined}
          onInput={(e) => {
            setJson(e.currentTarget.value);
            setProblem(null);
          }}
        />
      </div>
      {problem && (
        <div id="import-problems" class="notice" data-variant="error" role="alert">
          {problem.notJson !== undefined ? (
            <p>{text.importNotJson(problem.notJson)}</p>
          ) : (
            <>
              <p>{text.importInvalid(problem.issues.length)}</p>
              <ul class="issue-list">
                {problem.issues.slice(0, 50).map((i) => (
                  <li key={i.path + i.message}>
                    <code>{i.path || '/'}</code> {localizeIssue(i.message, lang)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div class="actions">
        <button type="button" class="primary" disabled={json.trim() === ''} onClick={load}>
          {text.importLoad}
        </button>
      </div>
    </section>
  );
}
