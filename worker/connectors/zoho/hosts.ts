/**
 * Zoho's data centres: one accounts server (OAuth) and one API host per DC (zoho.md §1, from
 * the v8 SDK `routes/dc/*_data_center.ts`). The token response's `api_domain` names the API
 * host; the connector accepts it only when it is one of these hosts, so a token endpoint can
 * never steer the access token elsewhere.
 *
 * Overrides (`accountsUrl`, `apiDomain` in the tenant's settings) exist for the simulator and
 * local runs. They are honoured only where the deployment allows development hosts
 * (`ALLOW_DEV_CRM_HOSTS = "on"`, set in wrangler.toml's local [vars], never in production).
 * Why not always: connector secrets are write-only through the API; an admin key that could
 * point `accountsUrl` at any host could read the client secret and refresh token back out.
 */
import { normaliseBaseUrl } from '../common/url.ts';

export const ZOHO_DCS = {
  com: { accounts: 'https://accounts.zoho.com', api: 'https://www.zohoapis.com', label: 'United States (zoho.com)' },
  eu: { accounts: 'https://accounts.zoho.eu', api: 'https://www.zohoapis.eu', label: 'Europe (zoho.eu)' },
  in: { accounts: 'https://accounts.zoho.in', api: 'https://www.zohoapis.in', label: 'India (zoho.in)' },
  'com.au': { accounts: 'https://accounts.zoho.com.au', api: 'https://www.zohoapis.com.au', label: 'Australia (zoho.com.au)' },
  'com.cn': { accounts: 'https://accounts.zoho.com.cn', api: 'https://www.zohoapis.com.cn', label: 'China (zoho.com.cn)' },
  jp: { accounts: 'https://accounts.zoho.jp', api: 'https://www.zohoapis.jp', label: 'Japan (zoho.jp)' },
  sa: { accounts: 'https://accounts.zoho.sa', api: 'https://www.zohoapis.sa', label: 'Saudi Arabia (zoho.sa)' },
  ca: { accounts: 'https://accounts.zohocloud.ca', api: 'https://www.zohoapis.ca', label: 'Canada (zohocloud.ca)' },
} as const;

export type ZohoDc = keyof typeof ZOHO_DCS;
export const ZOHO_DC_IDS = Object.keys(ZOHO_DCS) as [ZohoDc, ...ZohoDc[]];

/** Every real Zoho API host, for checking a token response's `api_domain`. */
const REAL_API_ORIGINS = new Set<string>(Object.values(ZOHO_DCS).map((d) => d.api));

/** True when `apiDomain` (from a token response) is a real Zoho API host. */
export function isRealApiDomain(apiDomain: string): boolean {
  const n = normaliseBaseUrl(apiDomain);
  return n !== null && REAL_API_ORIGINS.has(n);
}
