/** Optimistic concurrency for the rules: ETag "{version}" out, If-Match in. */
import { type RuleSet, validateRuleSet } from '../shared/index.ts';
import type { AppContext } from './context.ts';
import { ApiError } from './errors.ts';
import { type RulesRecord, type RulesStore, VersionConflict } from './store/rules.ts';

export const etagOf = (version: number) => `"${version}"`;

/** The version an If-Match header names; `*` means whatever is live. 428 when it is missing. */
export async function expectedVersion(c: AppContext, store: RulesStore): Promise<number> {
  const raw = c.req.header('if-match');
  if (raw === undefined || raw.trim() === '') {
    throw new ApiError(
      'precondition_required',
      'If-Match is required: send the ETag of the version you edited (GET /v1/rules), e.g. If-Match: "3"',
    );
  }
  const value = raw.trim();
  if (value === '*') return (await store.current()).record.version;
  const m = /^(?:W\/)?"?([1-9]\d{0,8})"?$/.exec(value);
  if (!m) throw new ApiError('bad_request', 'If-Match must be a rules version ETag such as "3"');
  return Number(m[1]);
}

export function validRules(input: unknown, at = 'rules'): RuleSet {
  const checked = validateRuleSet(input);
  if (!checked.ok) {
    const issues = checked.issues.map((i) => ({ path: i.path ? `${at}.${i.path}` : at, message: i.message }));
    throw new ApiError('bad_request', 'The rule set is invalid', { details: { issues } });
  }
  return checked.value;
}

/** Saves, turning a lost race into 409 with the live version (nothing is overwritten). */
export async function saveRules(
  store: RulesStore,
  rules: RuleSet,
  expected: number,
  by: string,
  restoredFrom?: number,
): Promise<RulesRecord> {
  try {
    return await store.replace(rules, expected, by, restoredFrom);
  } catch (e) {
    if (e instanceof VersionConflict) {
      throw new ApiError(
        'conflict',
        `The rules changed since version ${expected}: they are at version ${e.currentVersion}. Reload, reapply your edit, and send If-Match: "${e.currentVersion}"`,
        {
          details: { currentVersion: e.currentVersion },
          headers: { ETag: etagOf(e.currentVersion) },
        },
      );
    }
    throw e;
  }
}
