/** The options page's decisions that need no DOM: import parsing, error details, file names, CRM site origins. */
import type { AccountSnapshot, RuleSet } from '../../../shared/schema.ts';
import { type Issue, validateRuleSet, validateSnapshot } from '../../../shared/validate.ts';
import type { ExtraHost } from '../../lib/prefs.ts';
import type { UiError } from '../../lib/protocol.ts';
import { isZohoHost } from '../../sites/zoho.hosts.ts';

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

// ---------------------------------------------------------------- CRM sites (SitesSection)

/** Why an address cannot be added as a CRM site; SitesSection words each one at the field. */
export type SiteOriginProblem = 'empty' | 'notUrl' | 'notHttp' | 'credentials' | 'wildcard' | 'zohoHost' | 'builtIn' | 'duplicate';

export type SiteOriginCheck =
  | { ok: true; origin: string }
  | { ok: false; problem: SiteOriginProblem; origin?: string; site?: ExtraHost['site'] };

export interface SiteOriginContext {
  /** The sites added so far. */
  existing: readonly ExtraHost[];
  /** The manifest's content-script match patterns: where the extension runs without any grant. */
  builtInMatches: readonly string[];
}

/**
 * What the user typed into the "CRM sites" field, as the origin to request: `crm.example.com`
 * (https assumed), `http://127.0.0.1:8789`, or a URL copied from the address bar (only its
 * origin counts). Refuses what the browser could not grant or what needs no grant.
 */
export function checkSiteOrigin(input: string, site: ExtraHost['site'], ctx: SiteOriginContext): SiteOriginCheck {
  const raw = input.trim();
  if (!raw) return { ok: false, problem: 'empty' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) || /^[a-z]+:(?!\d)/i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { ok: false, problem: 'notUrl' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'notHttp' };
  if (!url.hostname) return { ok: false, problem: 'notUrl' };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  if (url.hostname.includes('*')) return { ok: false, problem: 'wildcard' };
  const origin = url.origin;
  if (isZohoHost(url.hostname)) return { ok: false, problem: 'zohoHost', origin };
  const same = ctx.existing.find((h) => h.origin === origin);
  if (same) return { ok: false, problem: 'duplicate', origin, site: same.site };
  // Where this site's content script would run: a whole CRM, or a worker's /demo page.
  const probe = new URL(site === 'demo' ? '/demo' : '/', origin);
  if (ctx.builtInMatches.some((p) => matchesPattern(p, probe))) return { ok: false, problem: 'builtIn', origin };
  return { ok: true, origin };
}

/**
 * Whether a URL matches an extension match pattern (`https://*.example.com/*`, `<all_urls>`,
 * `http://127.0.0.1/demo`). A pattern without a port matches every port, as Chromium's do.
 */
export function matchesPattern(pattern: string, url: URL): boolean {
  if (pattern === '<all_urls>') return url.protocol === 'http:' || url.protocol === 'https:';
  const m = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, hostPart, path] = m as unknown as [string, string, string, string];
  if (scheme === '*' ? url.protocol !== 'http:' && url.protocol !== 'https:' : url.protocol !== `${scheme}:`) return false;
  const portAt = hostPart.lastIndexOf(':');
  const hasPort = portAt > hostPart.lastIndexOf(']');
  const host = hasPort ? hostPart.slice(0, portAt) : hostPart;
  if (hasPort && hostPart.slice(portAt + 1) !== '*' && hostPart.slice(portAt + 1) !== (url.port || defaultPort(url))) return false;
  const hostname = url.hostname.toLowerCase();
  const hostOk =
    host === '*' ||
    hostname === host.toLowerCase() ||
    (host.startsWith('*.') && (hostname === host.slice(2).toLowerCase() || hostname.endsWith(host.slice(1).toLowerCase())));
  if (!hostOk) return false;
  const glob = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`);
  return glob.test(url.pathname + url.search);
}

const defaultPort = (url: URL) => (url.protocol === 'https:' ? '443' : '80');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The added sites in a stable order for the list (by origin). */
export function sortSites<T extends ExtraHost>(hosts: readonly T[]): T[] {
  return [...hosts].sort((a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0));
}
