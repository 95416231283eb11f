/** The options page's decisions that need no DOM: import parsing, error details, file names. */
import type { AccountSnapshot, RuleSet } from '../../../shared/schema.ts';
import { type Issue, validateRuleSet, validateSnapshot } from '../../../shared/validate.ts';
import type { UiError } from '../../lib/protocol.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; notJson?: string; issues: Issue[] };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * An imported rule set: JSON text, either the rule set itself or a saved rules document
 * (`{version, rules}` as GET /v1/rules and the export of a history version return it).
 */
export function parseRulesImport(text: string): Parsed<RuleSet> {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, notJson: json.message, issues: [] };
  const v = json.value;
  const candidate =
    v && typeof v === 'object' && !Array.isArray(v) && 'rules' in v && !('dimensions' in v) ? (v as { rules: unknown }).rules : v;
  const r = validateRuleSet(candidate);
  return r.ok ? r : { ok: false, issues: r.issues };
}

/** A pasted account snapshot, validated with the shared schema. */
export function parseSnapshot(text: string): Parsed<AccountSnapshot> {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, notJson: json.message, issues: [] };
  const r = validateSnapshot(json.value);
  return r.ok ? r : { ok: false, issues: r.issues };
}

const isIssue = (x: unknown): x is Issue =>
  !!x && typeof x === 'object' && typeof (x as Issue).path === 'string' && typeof (x as Issue).message === 'string';

/**
 * The `{path, message}` list in an `invalid` error's details: the details themselves, or
 * their `issues` (the worker's error envelope puts zod issues there), with paths made relative
 * to the rule set (the worker names them from the request body: `rules.dimensions[0]...`).
 */
export function issuesOf(error: UiError, bodyKey = 'rules'): Issue[] {
  const d = error.details as unknown;
  const list = Array.isArray(d)
    ? d
    : d && typeof d === 'object' && Array.isArray((d as { issues?: unknown }).issues)
      ? (d as { issues: unknown[] }).issues
      : [];
  return list.filter(isIssue).map((i) => ({
    path: i.path === bodyKey ? '' : i.path.startsWith(`${bodyKey}.`) ? i.path.slice(bodyKey.length + 1) : i.path,
    message: i.message,
  }));
}

/** The version number a conflict's details carry, when the worker sends it. */
export function currentVersionOf(error: UiError): number | null {
  const d = error.details as { current?: unknown; version?: unknown; currentVersion?: unknown } | undefined;
  for (const v of [d?.current, d?.currentVersion, d?.version]) if (typeof v === 'number' && Number.isInteger(v)) return v;
  return null;
}

export function exportFileName(version: number | null, edited: boolean, name?: string): string {
  const base = (name ?? 'tierlens-rules')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'tierlens-rules'}${version === null ? '' : `-v${version}`}${edited ? '-edited' : ''}.json`;
}

/** Same rules, ignoring key order (a draft that was edited back to what was loaded is not "unsaved"). */
export function sameRules(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function tierCount(rules: RuleSet): number {
  return rules.dimensions.reduce((n, d) => n + d.tiers.length, 0);
}
