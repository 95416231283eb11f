/**
 * Where Zoho CRM is hosted: every data centre, Zoho One (which wraps CRM) and the sandboxes.
 * The manifest's host permissions and content-script matches come from this list, and the
 * adapter's `matches(url)` uses the same hosts, so the two cannot drift apart.
 */

/** Zoho's data-centre domains (`crm.zoho.<dc>`), plus Canada's separate `zohocloud.ca`. */
export const ZOHO_DOMAINS = [
  'zoho.com',
  'zoho.eu',
  'zoho.in',
  'zoho.com.au',
  'zoho.jp',
  'zoho.com.cn',
  'zoho.sa',
  'zoho.uk',
  'zohocloud.ca',
] as const;

/** The subdomains that serve the CRM web app: CRM itself, Zoho One, and sandboxes. */
export const ZOHO_APP_SUBDOMAINS = ['crm', 'one', 'crmsandbox'] as const;

export const ZOHO_HOSTS: readonly string[] = ZOHO_APP_SUBDOMAINS.flatMap((sub) => ZOHO_DOMAINS.map((d) => `${sub}.${d}`));

/** Match patterns for the manifest. Zoho serves the app over https only. */
export const ZOHO_MATCHES: readonly string[] = ZOHO_HOSTS.map((h) => `https://${h}/*`);

const HOST_SET = new Set(ZOHO_HOSTS);

export function isZohoHost(hostname: string): boolean {
  return HOST_SET.has(hostname.toLowerCase());
}
