/**
 * CRM sites beyond the built-in ones: an origin the user grants at run time (a Zoho custom
 * domain, a self-hosted worker's demo page), with the site adapter its content script runs.
 * Adding asks the browser for access from the click itself (lib/hosts.ts requestHost);
 * removing gives the access back.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Lang } from '../../../shared/schema.ts';
import { listHosts, originPattern, removeHost, requestHost } from '../../lib/hosts.ts';
import { type ExtraHost, extraHostsItem } from '../../lib/settings.ts';
import { ADAPTERS } from '../../sites/index.ts';
import { checkSiteOrigin, type SiteOriginCheck, sortSites } from './logic.ts';
import { TEXT } from './messages.ts';

type Site = ExtraHost['site'];

interface SiteRow extends ExtraHost {
  /** Whether the browser still grants the origin (the user may revoke it in the browser's settings). */
  granted: boolean;
}

type Status = { ok: boolean; text: string } | null;

const SITES = Object.keys(ADAPTERS) as Site[];

/** Where the extension runs without a grant: its manifest's content scripts. */
function builtInMatches(): string[] {
  return (browser.runtime.getManifest().content_scripts ?? []).flatMap((cs) => cs.matches ?? []);
}

async function loadRows(): Promise<SiteRow[]> {
  const hosts = await listHosts();
  const rows = await Promise.all(
    hosts.map(async (h) => ({
      ...h,
      granted: await browser.permissions.contains({ origins: [originPattern(h.origin)] }).catch(() => false),
    })),
  );
  return sortSites(rows);
}

export function SitesSection({ lang }: { lang: Lang }) {
  const text = TEXT[lang];
  const [rows, setRows] = useState<SiteRow[] | null>(null);
  const [origin, setOrigin] = useState('');
  const [site, setSite] = useState<Site>(SITES[0] ?? 'zoho');
  const [fieldError, setFieldError] = useState<SiteOriginCheck | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const refresh = () => void loadRows().then(setRows);
    refresh();
    // Added or removed elsewhere (another options tab, the background's clean-up).
    return extraHostsItem.watch(refresh);
  }, []);

  const check = (value: string) => checkSiteOrigin(value, site, { existing: rows ?? [], builtInMatches: builtInMatches() });
  const preview = origin.trim() ? check(origin) : null;
  const siteName = (id: string) => text.siteNames[id] ?? id;

  /** Asks for access and registers the content script; the first await of a click (a user gesture). */
  const grant = async (value: string, chosen: Site) => {
    setBusy(true);
    setStatus({ ok: true, text: text.addingSite });
    try {
      const granted = await requestHost(value, chosen);
      setStatus(granted ? { ok: true, text: text.siteAdded(value) } : { ok: false, text: text.siteDenied(value) });
      return granted;
    } catch (e) {
      setStatus({ ok: false, text: text.siteFailed(e instanceof Error ? e.message : String(e)) });
      return false;
    } finally {
      setBusy(false);
      setRows(await loadRows());
    }
  };

  const add = async (e: Event) => {
    e.preventDefault();
    const result = check(origin);
    if (!result.ok) {
      setFieldError(result);
      setStatus(null);
      return;
    }
    setFieldError(null);
    if (await grant(result.origin, site)) setOrigin('');
  };

  const remove = async (row: SiteRow) => {
    await removeHost(row.origin);
    setStatus({ ok: true, text: text.siteRemoved(row.origin) });
    setRows(await loadRows());
  };

  const errorText = fieldError && !fieldError.ok ? text.siteProblem[fieldError.problem] : null;

  return (
    <section class="card sites-card" aria-labelledby="sites-title">
      <h2 id="sites-title">{text.sites}</h2>
      <p class="muted">{text.sitesHint}</p>
      <form class="sites-form" onSubmit={add} noValidate>
        <div class="field sites-origin">
          <label for="site-origin">{text.siteOrigin}</label>
          <input
            id="site-origin"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="https://crm.example.com"
            value={origin}
            aria-invalid={errorText ? 'true' : undefined}
            aria-describedby={errorText ? 'site-origin-error site-origin-hint' : 'site-origin-hint'}
            onInput={(e) => {
              setOrigin(e.currentTarget.value);
              setFieldError(null);
            }}
          />
          {errorText ? (
            <p class="field-error" id="site-origin-error" data-testid="site-origin-error">
              {errorText}
            </p>
          ) : null}
          <p class="hint" id="site-origin-hint">
            {preview?.ok && preview.origin !== origin.trim() ? `${text.willAdd(preview.origin)} · ` : ''}
            {text.siteOriginHint}
          </p>
        </div>
        <div class="field">
          <label for="site-adapter">{text.siteAdapter}</label>
          <select
            id="site-adapter"
            value={site}
            onChange={(e) => {
              setSite(e.currentTarget.value as Site);
              setFieldError(null);
            }}
          >
            {SITES.map((id) => (
              <option key={id} value={id}>
                {siteName(id)}
              </option>
            ))}
          </select>
        </div>
        <div class="actions sites-actions">
          <button type="submit" class="primary" disabled={busy}>
            {text.addSite}
          </button>
        </div>
      </form>
      <div class="status-region" role="status" aria-live="polite" data-testid="sites-status">
        {status && (
          <p class="notice" data-variant={status.ok ? 'ok' : 'error'}>
            {status.text}
          </p>
        )}
      </div>
      <div>
        <h3 class="sites-list-title" id="sites-list-title">
          {text.sitesAdded}
        </h3>
        {rows && rows.length === 0 && <p class="hint">{text.sitesEmpty}</p>}
        {rows && rows.length > 0 && (
          <ul class="sites-list" aria-labelledby="sites-list-title" data-testid="sites-list">
            {rows.map((row) => (
              <li key={row.origin} class="sites-row" data-origin={row.origin}>
                <span class="mono sites-row-origin">{row.origin}</span>
                <span class="sites-row-site">{siteName(row.site)}</span>
                {!row.granted && (
                  <span class="sites-row-note">
                    {text.siteNotGranted}{' '}
                    <button type="button" disabled={busy} onClick={() => void grant(row.origin, row.site)}>
                      {text.siteGrantAgain}
                    </button>
                  </span>
                )}
                <button
                  type="button"
                  class="sites-row-remove"
                  aria-label={text.removeSiteLabel(row.origin)}
                  onClick={() => void remove(row)}
                >
                  {text.removeSite}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
