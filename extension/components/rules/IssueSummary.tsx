/**
 * Everything the validator found, at the top of the editor: each item says where (in words)
 * and what, and is a link that opens the dimension and tier concerned and focuses the control.
 */
import type { Lang, RuleSet } from '../../../shared/schema.ts';
import { describeLocation, localizeIssue, type PlacedIssue } from './issues.ts';
import { fieldId } from './path.ts';

export interface IssueSummaryProps {
  issues: readonly PlacedIssue[];
  rules: RuleSet;
  lang: Lang;
  onReveal: (anchor: string) => void;
}

const MAX_LISTED = 50;

export function IssueSummary({ issues, rules, lang, onReveal }: IssueSummaryProps) {
  if (issues.length === 0) return null;
  const title =
    lang === 'zh'
      ? `规则有 ${issues.length} 个问题，修正后才能保存`
      : `${issues.length} problem${issues.length === 1 ? '' : 's'} to fix before saving`;
  return (
    <section class="issue-summary" aria-labelledby="issue-summary-title" data-testid="issue-summary">
      <h3 id="issue-summary-title">{title}</h3>
      <ul>
        {issues.slice(0, MAX_LISTED).map((i) => (
          <li key={`${i.path} ${i.message}`}>
            <a
              href={`#${fieldId(i.anchor)}`}
              onClick={(e) => {
                e.preventDefault();
                onReveal(i.anchor);
              }}
            >
              <span class="issue-where">{describeLocation(i.path, rules, lang)}</span>: {localizeIssue(i.message, lang)}
            </a>
          </li>
        ))}
      </ul>
      {issues.length > MAX_LISTED && (
        <p class="hint">{lang === 'zh' ? `另有 ${issues.length - MAX_LISTED} 个未列出` : `and ${issues.length - MAX_LISTED} more`}</p>
      )}
    </section>
  );
}
